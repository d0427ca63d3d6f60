namespace Gateway.LoadGen.Report;

/// <summary>One sender's audio as one receiver got it.</summary>
internal sealed record StreamReport
{
    public required string Room { get; init; }

    public required string Sender { get; init; }

    public required string Receiver { get; init; }

    public uint Ssrc { get; init; }

    public long FramesSent { get; init; }

    public long PacketsReceived { get; init; }

    public long PacketsLost { get; init; }

    public long PacketsLate { get; init; }

    public long FramesConcealed { get; init; }

    /// <summary>Frames Opus-decoded (0 for a stream outside the decoded sample).</summary>
    public long FramesDecoded { get; init; }

    public long E2eeFailures { get; init; }

    public double JitterMs { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    /// <summary>Whether this stream was in the decoded sample (see <c>--decode-streams</c>).</summary>
    public bool QualityChecked { get; init; }

    /// <summary>SNR of the decoded audio against the sender's source; null when not checked or too little arrived to measure.</summary>
    public double? SnrDb { get; init; }
}
