using Gateway.Codecs.Audio;
using Gateway.Codecs.Opus;

namespace Gateway.Client.Media;

/// <summary>
/// The Opus encoder <see cref="AudioPublisher.SendPcm"/> uses, for callers that encode ahead of time and send with
/// <see cref="AudioPublisher.SendOpus"/>: a load generator replaying a pre-encoded loop sends exactly the packets live
/// encoding would have made of the same samples. Not thread-safe.
/// </summary>
/// <remarks>
/// Mono, the Audio application (CELT, which follows the waveform: the VoIP application's SILK mode sounds right but
/// measures only a few dB SNR against the source, too little for the load generator's quality check), constant
/// bitrate (packet sizes of encrypted voice must not reveal what is said, RFC 6562) and complexity 5 (a load
/// generator encodes hundreds of streams with the managed Concentus).
/// </remarks>
public sealed class AudioFrameEncoder : IDisposable
{
    private const int Complexity = 5;

    private readonly OpusAudioEncoder _encoder;

    /// <summary>An encoder at <paramref name="bitrate"/> bits per second (6000–510000).</summary>
    public AudioFrameEncoder(int bitrate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bitrate, 6000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitrate, 510000);
        _encoder = new OpusAudioEncoder(new OpusEncoderSettings
        {
            Bitrate = bitrate,
            Complexity = Complexity,
            Application = OpusApplicationMode.Audio,
            ConstantBitrate = true,
        });
    }

    /// <summary>
    /// Encodes one 20 ms frame of mono 48 kHz PCM (<see cref="RtpFormats.SamplesPerFrame"/> samples) into
    /// <paramref name="destination"/>; the packet's length, or −1 when the frame has the wrong length or does not fit.
    /// </summary>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> destination) =>
        _encoder.Encode(pcm, destination, out int written) == OpusStatus.Ok ? written : -1;

    /// <summary>The RFC 6464 audio level of <paramref name="pcm"/> (0 loudest … 127 silence, −dBov), as <see cref="AudioPublisher.SendPcm"/> sends it.</summary>
    public static int MeasureLevel(ReadOnlySpan<short> pcm) => AudioLevelMeter.Measure(pcm);

    /// <summary>Releases the encoder (native memory when Concentus runs on libopus).</summary>
    public void Dispose() => _encoder.Dispose();
}
