namespace Gateway.Rtp.Sdp;

/// <summary>An RTP payload type mapping (RFC 8866 §6.6): <c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock rate&gt;[/&lt;parameters&gt;]</c>.</summary>
/// <param name="PayloadType">The payload type, 0–127.</param>
/// <param name="EncodingName">The encoding name (opus, VP8, rtx...).</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="Parameters">The encoding parameters (audio: channels), or null.</param>
public sealed record SdpRtpmap(int PayloadType, string EncodingName, int ClockRate, string? Parameters = null);
