namespace Gateway.Rtp.Sdp;

/// <summary>An RTP header extension mapping (RFC 8285 §8): <c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; [&lt;attributes&gt;]</c>.</summary>
/// <param name="Id">The local identifier: 1–14 for one-byte headers, up to 255 with two-byte headers.</param>
/// <param name="Uri">The extension's URI.</param>
/// <param name="Direction">The direction after the slash, or null.</param>
/// <param name="Attributes">Extension attributes after the URI, or null.</param>
public sealed record SdpExtmap(int Id, string Uri, SdpDirection? Direction = null, string? Attributes = null)
{
    /// <summary>The RFC 6464 client-to-mixer audio level extension.</summary>
    public const string AudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
}
