using Concentus;

namespace Gateway.Client.Media.Audio;

/// <summary>Decodes Opus packets into 20 ms mono 48 kHz PCM frames, and conceals missing ones.</summary>
internal sealed class OpusFrameDecoder
{
    private readonly IOpusDecoder _decoder = OpusCodecFactory.CreateDecoder(RtpFormats.OpusClockRate, 1);

    /// <summary>Decodes <paramref name="packet"/> into <paramref name="pcm"/>; samples written, or −1 for a packet Opus refuses.</summary>
    public int Decode(ReadOnlySpan<byte> packet, Span<short> pcm)
    {
        try
        {
            return _decoder.Decode(packet, pcm, RtpFormats.SamplesPerFrame, false);
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
        {
            // Concentus reports corrupt packets by throwing; a bad frame is a counted drop, not a crash.
            return -1;
        }
    }

    /// <summary>Packet loss concealment for one missing frame.</summary>
    public int Conceal(Span<short> pcm)
    {
        try
        {
            return _decoder.Decode(ReadOnlySpan<byte>.Empty, pcm, RtpFormats.SamplesPerFrame, false);
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
        {
            pcm.Clear();
            return RtpFormats.SamplesPerFrame;
        }
    }
}
