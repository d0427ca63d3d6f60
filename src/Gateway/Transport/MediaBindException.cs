using System.Net.Sockets;

namespace Gateway.Transport;

/// <summary>The media transport could not bind its UDP (or TCP) port; the message says which key to change.</summary>
public sealed class MediaBindException : IOException
{
    /// <summary>A bind failure with an operator-facing message.</summary>
    public MediaBindException(string message, SocketException inner)
        : base(message, inner)
    {
    }
}
