using System.Net;

namespace Gateway.Transport;

/// <summary>
/// Where clients send media, for SDP answers: the shared UDP media port, the RFC 4571 TCP port and the address
/// to announce. Known once the transports have bound (port 0 in configuration picks a free port).
/// </summary>
public interface IMediaEndpoints
{
    /// <summary>The bound UDP media port (0 before the transports start).</summary>
    int UdpPort { get; }

    /// <summary>The bound RFC 4571 TCP media port, or 0 when TCP is off.</summary>
    int TcpPort { get; }

    /// <summary>
    /// The address to put in SDP answers (Media:AnnouncedAddress), or null: then the API answers with the address the
    /// HTTP request arrived on, or the bound address when it is not a wildcard.
    /// </summary>
    IPAddress? AnnouncedAddress { get; }
}
