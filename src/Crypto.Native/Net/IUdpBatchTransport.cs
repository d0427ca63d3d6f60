using System.Net;
using System.Net.Sockets;

namespace Gateway.Crypto.Native.Net;

/// <summary>
/// A non-blocking UDP socket moving datagrams in batches: <see cref="UdpBatchSocket"/> (recvmmsg/sendmmsg)
/// or its managed twin <see cref="ManagedUdpBatchSocket"/>. Neither call allocates nor throws for socket
/// failures: a negative result is <c>-(int)</c><see cref="SocketError"/>.
/// </summary>
public interface IUdpBatchTransport : IDisposable
{
    /// <summary>The bound address.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Whether reads may be GRO-coalesced (see <see cref="UdpDatagram.SegmentSize"/>).</summary>
    bool GroEnabled { get; }

    /// <summary>
    /// Receives up to <c>datagrams.Length</c> datagrams into the datagrams' slots without waiting:
    /// the number received (0 when none waits), or a negative <see cref="SocketError"/>.
    /// </summary>
    int ReceiveBatch(Span<UdpDatagram> datagrams);

    /// <summary>
    /// Sends each datagram's <see cref="UdpDatagram.Payload"/> to its address without waiting: the number
    /// sent (fewer when the socket buffer is full), or a negative <see cref="SocketError"/>.
    /// </summary>
    int SendBatch(ReadOnlySpan<UdpDatagram> datagrams);
}
