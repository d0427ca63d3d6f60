using Concentus;
using Concentus.Enums;

namespace Gateway.Client.Media.Audio;

/// <summary>
/// Encodes 20 ms mono 48 kHz PCM frames into Opus packets: the AUDIO application (CELT, which follows the waveform:
/// the VOIP application's SILK mode sounds right but measures only 4–6 dB SNR against the source), constant bitrate.
/// </summary>
internal sealed class OpusFrameEncoder
{
    private readonly IOpusEncoder _encoder;

    public OpusFrameEncoder(int bitrate)
    {
        _encoder = OpusCodecFactory.CreateEncoder(RtpFormats.OpusClockRate, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        _encoder.Bitrate = bitrate;
        _encoder.UseVBR = false;
        _encoder.Complexity = 5;
    }

    /// <summary>Encodes one frame of <see cref="RtpFormats.SamplesPerFrame"/> samples; the packet's length, or −1.</summary>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        if (pcm.Length != RtpFormats.SamplesPerFrame)
        {
            return -1;
        }

        try
        {
            return _encoder.Encode(pcm, RtpFormats.SamplesPerFrame, destination, destination.Length);
        }
        catch (ArgumentException)
        {
            return -1;
        }
    }
}
