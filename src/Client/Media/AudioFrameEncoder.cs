using Gateway.Client.Media.Audio;

namespace Gateway.Client.Media;

/// <summary>
/// The Opus encoder <see cref="AudioPublisher.SendPcm"/> uses (AUDIO application, constant bitrate), for callers that
/// encode ahead of time and send with <see cref="AudioPublisher.SendOpus"/>: a load generator replaying a pre-encoded
/// loop sends exactly the packets live encoding would have made of the same samples. Not thread-safe.
/// </summary>
public sealed class AudioFrameEncoder
{
    private readonly OpusFrameEncoder _encoder;

    /// <summary>An encoder at <paramref name="bitrate"/> bits per second (6000–510000).</summary>
    public AudioFrameEncoder(int bitrate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bitrate, 6000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitrate, 510000);
        _encoder = new OpusFrameEncoder(bitrate);
    }

    /// <summary>
    /// Encodes one 20 ms frame of mono 48 kHz PCM (<see cref="RtpFormats.SamplesPerFrame"/> samples) into
    /// <paramref name="destination"/>; the packet's length, or −1 when the frame has the wrong length or does not fit.
    /// </summary>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> destination) => _encoder.Encode(pcm, destination);

    /// <summary>The RFC 6464 audio level of <paramref name="pcm"/> (0 loudest … 127 silence, −dBov), as <see cref="AudioPublisher.SendPcm"/> sends it.</summary>
    public static int MeasureLevel(ReadOnlySpan<short> pcm) => AudioLevelMeter.Measure(pcm);
}
