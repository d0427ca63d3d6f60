using Gateway.Rtp.Packets;

namespace Gateway.Routing;

/// <summary>
/// A track one participant publishes: its SSRCs, receive statistics, retransmission cache, the publisher's last
/// sender report, feedback throttles, audio level and its subscriptions. Worker-owned (the control plane reads
/// only the immutable description under the meeting's lock).
/// </summary>
internal sealed class PublishedTrack : IDisposable
{
    private const int UpstreamNackSlots = 64;
    private readonly int[] _upstreamNackSequence = new int[UpstreamNackSlots];
    private readonly long[] _upstreamNackTicks = new long[UpstreamNackSlots];

    public PublishedTrack(Participant publisher, TrackSpec spec, int cacheCapacity)
    {
        Array.Fill(_upstreamNackSequence, -1);
        Publisher = publisher;
        Kind = spec.Kind;
        Mid = spec.Mid;
        OriginalSsrc = spec.Ssrc;
        CurrentSsrc = spec.Ssrc;
        RtxSsrc = spec.RtxSsrc;
        AudioLevelExtensionId = spec.Kind == MediaKind.Audio && spec.AudioLevelExtensionId is int id ? id : 0;
        ClockRate = spec.Kind == MediaKind.Audio ? 48_000 : 90_000;
        Keyframes = KeyframeDetector.For(spec, publisher.E2ee);
        Statistics = new ReceiveStatistics(ClockRate);
        Cache = new RetransmissionCache(cacheCapacity);
        Loudness = 0;
    }

    public Participant Publisher { get; }

    public MediaKind Kind { get; }

    public string? Mid { get; }

    /// <summary>The SSRC subscribers see: the one the track was published with.</summary>
    public uint OriginalSsrc { get; }

    /// <summary>The SSRC the publisher sends now (differs from <see cref="OriginalSsrc"/> after a restart).</summary>
    public uint CurrentSsrc { get; set; }

    public uint? RtxSsrc { get; }

    /// <summary>The RFC 6464 extension id, or 0 when the track has none (video, or not negotiated).</summary>
    public int AudioLevelExtensionId { get; }

    /// <summary>The RTP clock rate assumed for the kind (Opus 48 kHz, video 90 kHz).</summary>
    public int ClockRate { get; }

    /// <summary>
    /// Finds where key frames start, for a video track whose subscribers begin only at one; null when the track is
    /// never held back (audio, an unknown codec, an end-to-end encrypted publisher without the dependency descriptor).
    /// </summary>
    public KeyframeDetector? Keyframes { get; }

    /// <summary>Bumped when the publisher restarts (new SSRC, sequence jump): subscribers re-base, the cache stops matching.</summary>
    public int Epoch { get; set; }

    public ReceiveStatistics Statistics { get; set; }

    public RetransmissionCache Cache { get; }

    public Subscription[] Subscriptions { get; set; } = [];

    public bool Ended { get; set; }

    /// <summary>When the publisher last restarted the track with a new SSRC.</summary>
    public long LastRestartTicks { get; set; } = long.MinValue / 4;

    // The publisher's last SR (RFC 3550 §6.4.1): NTP and RTP time of one instant, and when it came.
    public bool HasSenderReport { get; set; }

    public ulong SenderReportNtp { get; set; }

    public uint SenderReportRtp { get; set; }

    public long SenderReportTicks { get; set; }

    public int SenderReportEpoch { get; set; }

    // Feedback to the publisher.
    public long LastPictureLossTicks { get; set; } = long.MinValue / 4;

    public byte FirSequence { get; set; }

    /// <summary>PLI/FIR forwarded upstream.</summary>
    public long PictureLossForwarded { get; set; }

    /// <summary>PLI/FIR dropped by the throttle.</summary>
    public long PictureLossThrottled { get; set; }

    // Active speaker: smoothed loudness (127 − level in -dBov: higher is louder) and the last level's time.
    public double Loudness { get; set; }

    public long LastLevelTicks { get; set; }

    /// <summary>
    /// Whether a NACK for <paramref name="sequence"/> should go to the publisher: not if one went within
    /// <paramref name="intervalTicks"/> (a packet lost before the gateway is NACKed by every subscriber).
    /// </summary>
    public bool TryMarkUpstreamNack(ushort sequence, long nowTicks, long intervalTicks)
    {
        int slot = sequence & (UpstreamNackSlots - 1);
        if (_upstreamNackSequence[slot] == sequence && nowTicks - _upstreamNackTicks[slot] < intervalTicks)
        {
            return false;
        }

        _upstreamNackSequence[slot] = sequence;
        _upstreamNackTicks[slot] = nowTicks;
        return true;
    }

    /// <summary>Reads the RFC 6464 level of an audio packet and smooths it. No allocation.</summary>
    public void ObserveLevel(ReadOnlySpan<byte> packet, long nowTicks)
    {
        if (AudioLevelExtensionId == 0 || RtpPacket.TryParse(packet, out RtpPacket rtp) != RtpParseResult.Ok
            || !rtp.Extensions.TryGetAudioLevel(AudioLevelExtensionId, out AudioLevel level))
        {
            return;
        }

        // Exponential smoothing over about 10 packets (200 ms of Opus): a click does not take the floor.
        Loudness += ((AudioLevel.Silence - level.Level) - Loudness) * 0.1;
        LastLevelTicks = nowTicks;
    }

    public void Dispose() => Cache.Dispose();
}
