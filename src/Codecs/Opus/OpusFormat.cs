namespace Gateway.Codecs.Opus;

/// <summary>
/// The fixed numbers of Opus as this project carries it: 48 kHz, 20 ms frames, and the RTP payload
/// format of RFC 7587 (one Opus packet per RTP payload, RTP clock always 48000, SDP name
/// <c>opus/48000/2</c> whatever the channel count actually sent).
/// </summary>
public static class OpusFormat
{
    /// <summary>The sample rate the encoder takes and the decoder produces (Hz).</summary>
    public const int SampleRate = 48_000;

    /// <summary>The RTP timestamp clock rate (RFC 7587 §4.1: always 48000, whatever the internal sampling rate).</summary>
    public const int RtpClockRate = 48_000;

    /// <summary>The frame length used end to end (ms).</summary>
    public const int FrameDurationMs = 20;

    /// <summary>Samples per channel in one 20 ms frame at 48 kHz (the RTP timestamp step per packet).</summary>
    public const int FrameSamplesPerChannel = SampleRate / 1000 * FrameDurationMs;

    /// <summary>The longest packet duration RFC 6716 allows (120 ms) in samples per channel at 48 kHz.</summary>
    public const int MaxPacketSamplesPerChannel = 5_760;

    /// <summary>The largest single Opus frame in bytes (RFC 6716 §3.2.1), also a safe encoder output size for one 20 ms frame.</summary>
    public const int MaxFrameBytes = 1_275;

    /// <summary>
    /// The encoder's look-ahead at 48 kHz (2.5 ms delay compensation + 4 ms of CELT overlap = 6.5 ms):
    /// decoded audio lags the source by this many samples per channel.
    /// </summary>
    public const int CodecDelaySamples = 312;

    /// <summary>The encoding name of the SDP rtpmap attribute (RFC 7587 §7).</summary>
    public const string EncodingName = "opus";

    /// <summary>The SDP rtpmap encoding, always two channels (RFC 7587 §7).</summary>
    public const string RtpMap = "opus/48000/2";

    /// <summary>The SDP fmtp parameters this project offers: 10 ms minimum packet time, in-band FEC accepted.</summary>
    public const string Fmtp = "minptime=10;useinbandfec=1";
}
