namespace Gateway.Rtp.Sdp;

/// <summary>A source attribute (RFC 5576 §4.1): <c>a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;]</c>.</summary>
/// <param name="Id">The SSRC.</param>
/// <param name="Attribute">The source attribute's name (for example cname or msid).</param>
/// <param name="Value">Its value, or null.</param>
public sealed record SdpSsrc(uint Id, string Attribute, string? Value);
