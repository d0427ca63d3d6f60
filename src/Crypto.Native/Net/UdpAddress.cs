using System.Net;
using System.Net.Sockets;

namespace Gateway.Crypto.Native.Net;

/// <summary>Converts between end points and the raw sockaddr bytes the batch API carries.</summary>
internal static class UdpAddress
{
    private const int SockaddrIn6Size = 28;

    /// <summary>The sockaddr bytes of an end point (allocates: set-up only).</summary>
    internal static byte[] ToBytes(IPEndPoint endPoint)
    {
        SocketAddress address = endPoint.Serialize();
        return address.Buffer.Span[..address.Size].ToArray();
    }

    /// <summary>The end point of sockaddr bytes, or null for none or an unknown family.</summary>
    internal static IPEndPoint? ToEndPoint(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        var family = bytes.Length == SockaddrIn6Size ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var address = new SocketAddress(family, bytes.Length);
        bytes.CopyTo(address.Buffer.Span);
        try
        {
            return (IPEndPoint)new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Create(address);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
