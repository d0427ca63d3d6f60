namespace Gateway.Rtp.Sdp;

/// <summary>A source group (RFC 5576 §4.2): <c>a=ssrc-group:FID &lt;media ssrc&gt; &lt;rtx ssrc&gt;</c> pairs a stream with its RFC 4588 retransmissions.</summary>
/// <param name="Semantics">The grouping semantics (FID, FEC, SIM...).</param>
/// <param name="Ssrcs">The grouped SSRCs, in order.</param>
public sealed record SdpSsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs)
{
    /// <summary>The flow identification semantics of RFC 5576 §4.2 (used for RTX).</summary>
    public const string FlowIdentification = "FID";
}
