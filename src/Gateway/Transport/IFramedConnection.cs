namespace Gateway.Transport;

/// <summary>
/// A stream connection carrying RTP and RTCP as framed packets (RFC 4571 over TCP), for clients behind
/// networks that block UDP. Implemented by the TCP transport; the router only passes it back to the sink.
/// </summary>
public interface IFramedConnection
{
    /// <summary>A number naming the connection in logs and metrics.</summary>
    long Id { get; }

    /// <summary>The peer's address (for the API and logs).</summary>
    RemoteAddress RemoteAddress { get; }

    /// <summary>Whether the connection is still open.</summary>
    bool IsOpen { get; }
}
