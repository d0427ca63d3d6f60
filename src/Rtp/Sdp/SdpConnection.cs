using System.Net;

namespace Gateway.Rtp.Sdp;

/// <summary>A connection line (RFC 8866 §5.7): <c>c=IN IP4 192.0.2.1</c>. Only unicast IP addresses are accepted.</summary>
/// <param name="Address">The unicast address (its family matches the address type, IP4 or IP6).</param>
public sealed record SdpConnection(IPAddress Address)
{
    /// <summary>The address type token: IP4 or IP6.</summary>
    public string AddressType => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
}
