namespace Gateway.Rtp.Sdp;

/// <summary>An attribute line the parser has no model for: <c>a=&lt;name&gt;[:&lt;value&gt;]</c>.</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Value">The value after the colon, or null for a property attribute.</param>
public sealed record SdpAttributeLine(string Name, string? Value);
