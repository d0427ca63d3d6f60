namespace Gateway.Client.Statistics;

/// <summary>
/// A session's media counters. Senders count with interlocked adds (audio and video may send from different
/// threads); the receive loop is the only writer of receive counters. <see cref="Snapshot"/> reads them all from
/// any thread, adding up the remote tracks' own counters.
/// </summary>
public sealed class SessionStatistics
{
    private readonly Func<IEnumerable<RemoteTrackStatistics>> _tracks;
    private long _packetsSent;
    private long _bytesSent;
    private long _framesSent;
    private long _sendFailures;
    private long _packetsReceived;
    private long _bytesReceived;
    private long _rtcpReceived;
    private long _srtpFailures;
    private long _malformed;
    private long _duplicates;

    internal SessionStatistics(Func<IEnumerable<RemoteTrackStatistics>> tracks)
    {
        _tracks = tracks;
    }

    /// <summary>End-to-end latency of every received frame of this session (capture to receive), when capture timestamps are on.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>The counters now, summed over all remote tracks.</summary>
    public MediaStatisticsSnapshot Snapshot()
    {
        long lost = 0, late = 0, duplicates = 0, e2eeFailures = 0, noKey = 0, decoded = 0, concealed = 0, framesReceived = 0;
        double jitter = 0;
        int tracks = 0;
        foreach (RemoteTrackStatistics track in _tracks())
        {
            lost += track.PacketsLost;
            late += track.PacketsLate;
            duplicates += track.PacketsDuplicate;
            e2eeFailures += track.E2eeFailures;
            noKey += track.E2eeNoKey;
            decoded += track.FramesDecoded;
            concealed += track.FramesConcealed;
            framesReceived += track.FramesReceived;
            jitter = Math.Max(jitter, track.JitterMilliseconds);
            tracks++;
        }

        return new MediaStatisticsSnapshot
        {
            PacketsSent = Volatile.Read(ref _packetsSent),
            BytesSent = Volatile.Read(ref _bytesSent),
            FramesSent = Volatile.Read(ref _framesSent),
            SendFailures = Volatile.Read(ref _sendFailures),
            PacketsReceived = Volatile.Read(ref _packetsReceived),
            BytesReceived = Volatile.Read(ref _bytesReceived),
            RtcpReceived = Volatile.Read(ref _rtcpReceived),
            SrtpFailures = Volatile.Read(ref _srtpFailures),
            Malformed = Volatile.Read(ref _malformed),
            PacketsLost = lost,
            PacketsLate = late,
            PacketsDuplicate = duplicates + Volatile.Read(ref _duplicates),
            E2eeFailures = e2eeFailures,
            E2eeNoKey = noKey,
            FramesReceived = framesReceived,
            FramesDecoded = decoded,
            FramesConcealed = concealed,
            RemoteTracks = tracks,
            MaxJitterMilliseconds = jitter,
            LatencySamples = Latency.Count,
            LatencyP50Milliseconds = Latency.PercentileMilliseconds(50),
            LatencyP95Milliseconds = Latency.PercentileMilliseconds(95),
            LatencyP99Milliseconds = Latency.PercentileMilliseconds(99),
        };
    }

    internal void CountSent(int bytes)
    {
        Interlocked.Increment(ref _packetsSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void CountFrameSent() => Interlocked.Increment(ref _framesSent);

    internal void CountSendFailure() => Interlocked.Increment(ref _sendFailures);

    internal void CountReceived(int bytes)
    {
        Volatile.Write(ref _packetsReceived, _packetsReceived + 1);
        Volatile.Write(ref _bytesReceived, _bytesReceived + bytes);
    }

    internal void CountRtcp() => Volatile.Write(ref _rtcpReceived, _rtcpReceived + 1);

    internal void CountSrtpFailure() => Volatile.Write(ref _srtpFailures, _srtpFailures + 1);

    internal void CountDuplicate() => Volatile.Write(ref _duplicates, _duplicates + 1);

    internal void CountMalformed() => Volatile.Write(ref _malformed, _malformed + 1);
}
