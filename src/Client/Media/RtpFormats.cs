namespace Gateway.Client.Media;

/// <summary>The RTP numbers this client offers and sends (docs/api.md): fixed, so no negotiation is needed.</summary>
public static class RtpFormats
{
    /// <summary>Payload type of Opus audio.</summary>
    public const int OpusPayloadType = 111;

    /// <summary>Payload type of VP8-style video.</summary>
    public const int VideoPayloadType = 96;

    /// <summary>Header extension id of the RFC 6464 client-to-mixer audio level.</summary>
    public const int AudioLevelExtensionId = 1;

    /// <summary>The Opus RTP clock (RFC 7587 §4.1: always 48 kHz).</summary>
    public const int OpusClockRate = 48000;

    /// <summary>The video RTP clock.</summary>
    public const int VideoClockRate = 90000;

    /// <summary>Samples of one 20 ms audio frame at 48 kHz (one channel).</summary>
    public const int SamplesPerFrame = 960;

    /// <summary>The frame duration of published audio.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    /// <summary>The largest RTP payload a packet of this client carries (a conservative path MTU minus headers).</summary>
    public const int MaxPayloadBytes = 1100;

    /// <summary>The largest datagram this client sends or accepts.</summary>
    public const int MaxDatagramBytes = 2048;
}
