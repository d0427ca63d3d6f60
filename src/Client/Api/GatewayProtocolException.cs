namespace Gateway.Client.Api;

/// <summary>
/// The gateway answered something this client cannot use: an SDP answer without a usable media address or key,
/// a room body that is not the documented JSON, or an event stream that ended before the room closed.
/// </summary>
public sealed class GatewayProtocolException : Exception
{
    /// <summary>An unusable answer described by <paramref name="message"/>.</summary>
    public GatewayProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>An unusable answer described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public GatewayProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
