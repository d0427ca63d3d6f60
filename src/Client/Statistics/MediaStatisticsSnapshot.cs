namespace Gateway.Client.Statistics;

/// <summary>A session's media counters at one moment (see <see cref="SessionStatistics.Snapshot"/>).</summary>
public sealed record MediaStatisticsSnapshot
{
    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>Bytes of SRTP sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>Frames (audio frames, video frames) published.</summary>
    public long FramesSent { get; init; }

    /// <summary>Frames or packets that could not be sent (no E2EE key yet, SRTP refused, socket error).</summary>
    public long SendFailures { get; init; }

    /// <summary>RTP packets that authenticated (SRTP).</summary>
    public long PacketsReceived { get; init; }

    /// <summary>Bytes of those packets as received.</summary>
    public long BytesReceived { get; init; }

    /// <summary>RTCP packets received (not decrypted: this client leaves RTCP to the gateway).</summary>
    public long RtcpReceived { get; init; }

    /// <summary>Sequence numbers that never arrived (per remote stream, first to highest).</summary>
    public long PacketsLost { get; init; }

    /// <summary>Audio packets that arrived after the jitter buffer had concealed them.</summary>
    public long PacketsLate { get; init; }

    /// <summary>Packets received more than once (SRTP replays of a packet already taken, and copies older than its window).</summary>
    public long PacketsDuplicate { get; init; }

    /// <summary>SRTP unprotect failures (authentication, malformed) of datagrams from the gateway.</summary>
    public long SrtpFailures { get; init; }

    /// <summary>End-to-end (SFrame) decrypt failures: authentication, replay or malformed frames.</summary>
    public long E2eeFailures { get; init; }

    /// <summary>End-to-end encrypted frames dropped because their key had not arrived yet.</summary>
    public long E2eeNoKey { get; init; }

    /// <summary>Datagrams that were neither RTP nor RTCP, or RTP this client cannot use.</summary>
    public long Malformed { get; init; }

    /// <summary>Complete frames received (audio packets, reassembled video frames).</summary>
    public long FramesReceived { get; init; }

    /// <summary>Audio frames decoded from received packets.</summary>
    public long FramesDecoded { get; init; }

    /// <summary>Audio frames concealed (packet loss concealment) for missing packets.</summary>
    public long FramesConcealed { get; init; }

    /// <summary>Remote tracks seen.</summary>
    public int RemoteTracks { get; init; }

    /// <summary>The largest RFC 3550 interarrival jitter over the remote tracks, in milliseconds.</summary>
    public double MaxJitterMilliseconds { get; init; }

    /// <summary>End-to-end latency samples.</summary>
    public long LatencySamples { get; init; }

    /// <summary>Median end-to-end latency in milliseconds.</summary>
    public double LatencyP50Milliseconds { get; init; }

    /// <summary>95th percentile end-to-end latency in milliseconds.</summary>
    public double LatencyP95Milliseconds { get; init; }

    /// <summary>99th percentile end-to-end latency in milliseconds.</summary>
    public double LatencyP99Milliseconds { get; init; }
}
