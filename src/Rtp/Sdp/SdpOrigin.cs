namespace Gateway.Rtp.Sdp;

/// <summary>The origin line (RFC 8866 §5.2): <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; IN &lt;addrtype&gt; &lt;address&gt;</c>.</summary>
/// <param name="Username">The user name, "-" when there is none.</param>
/// <param name="SessionId">The numeric session id.</param>
/// <param name="SessionVersion">The session version.</param>
/// <param name="AddressType">IP4 or IP6.</param>
/// <param name="Address">The origin's address or host name (informational: never used to send media).</param>
public sealed record SdpOrigin(string Username, ulong SessionId, ulong SessionVersion, string AddressType, string Address);
