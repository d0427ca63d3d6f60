using System.Net;
using System.Net.Sockets;

namespace Gateway.Crypto.Native.Net;

/// <summary>
/// The managed twin of <see cref="UdpBatchSocket"/> on <see cref="Socket"/>: one ReceiveFrom/SendTo per
/// datagram with a reused <see cref="SocketAddress"/>, so no call allocates on the way that succeeds.
/// No GRO or GSO (<see cref="UdpSocketOptions.Gro"/> is ignored).
/// </summary>
public sealed class ManagedUdpBatchSocket : IUdpBatchTransport
{
    private const int SockaddrInSize = 16;
    private const int SoReceiveBufferForce = 33;
    private const int SoSendBufferForce = 32;

    private readonly Socket _socket;
    private readonly SocketAddress _receiveAddress;
    private readonly SocketAddress _sendAddress;

    private ManagedUdpBatchSocket(Socket socket)
    {
        _socket = socket;
        _receiveAddress = new SocketAddress(socket.AddressFamily);
        _sendAddress = new SocketAddress(AddressFamily.InterNetworkV6, UdpDatagram.MaxAddressSize);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc/>
    public bool GroEnabled => false;

    /// <summary>Opens a non-blocking socket bound to <paramref name="local"/> (port 0 picks one).</summary>
    /// <exception cref="SocketException">The socket could not be opened or bound.</exception>
    public static ManagedUdpBatchSocket Open(IPEndPoint local, UdpSocketOptions options = UdpSocketOptions.None)
    {
        ArgumentNullException.ThrowIfNull(local);
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Blocking = false;
            if ((options & UdpSocketOptions.ReusePort) != 0)
            {
                // SO_REUSEPORT (SOL_SOCKET 1, option 15 on Linux): .NET has no named option for it.
                socket.SetRawSocketOption(1, 15, BitConverter.GetBytes(1));
            }

            socket.Bind(local);
            return new ManagedUdpBatchSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int ReceiveBatch(Span<UdpDatagram> datagrams)
    {
        int received = 0;
        try
        {
            // FIONREAD is the size of the next datagram on Linux: it tells truncation apart (ReceiveFrom keeps
            // quiet about it) and whether anything waits. Poll covers a waiting zero-length datagram; checking
            // first matters because ReceiveFrom reports an empty queue with an exception.
            while (received < datagrams.Length)
            {
                int pending = _socket.Available;
                if (pending == 0 && !_socket.Poll(0, SelectMode.SelectRead))
                {
                    break;
                }

                ref UdpDatagram d = ref datagrams[received];
                int length;
                bool truncated = pending > d.Capacity;
                try
                {
                    length = _socket.ReceiveFrom(d.Buffer, SocketFlags.None, _receiveAddress);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
                {
                    // Should the runtime report truncation after all: the kernel stored the prefix.
                    length = d.Capacity;
                    truncated = true;
                }

                d.SetReceived(length, _receiveAddress.Buffer.Span[.._receiveAddress.Size], truncated);
                received++;
            }
        }
        catch (SocketException ex)
        {
            return received > 0 || ex.SocketErrorCode == SocketError.WouldBlock ? received : UdpErrors.Result(ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return received > 0 ? received : UdpErrors.Result(SocketError.NotSocket);
        }

        return received;
    }

    /// <inheritdoc/>
    public int SendBatch(ReadOnlySpan<UdpDatagram> datagrams)
    {
        int sent = 0;
        try
        {
            for (; sent < datagrams.Length; sent++)
            {
                ref readonly UdpDatagram d = ref datagrams[sent];
                // A gathered buffer (Continues) goes where its run's first message goes: its own address is not read.
                if (!d.Continues || sent == 0)
                {
                    ReadOnlySpan<byte> address = d.AddressBytes;
                    if (address.Length is not (SockaddrInSize or UdpDatagram.MaxAddressSize))
                    {
                        // The native path refuses such a datagram up front (GW_ERR_ARGUMENT): do the same.
                        return sent > 0 ? sent : UdpErrors.Result(SocketError.InvalidArgument);
                    }

                    _sendAddress.Size = address.Length;
                    address.CopyTo(_sendAddress.Buffer.Span);
                }
                int segment = d.SegmentSize;
                if (segment > 0 && segment < d.Length)
                {
                    // The twin of UDP GSO: the same datagrams, one send each. A full socket part-way through
                    // drops the rest of this message rather than send its first segments twice on a retry.
                    ReadOnlySpan<byte> payload = d.Payload;
                    _socket.SendTo(payload[..segment], SocketFlags.None, _sendAddress);
                    try
                    {
                        for (int offset = segment; offset < payload.Length; offset += segment)
                        {
                            _socket.SendTo(payload.Slice(offset, Math.Min(segment, payload.Length - offset)), SocketFlags.None, _sendAddress);
                        }
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
                    {
                    }
                }
                else
                {
                    _socket.SendTo(d.Payload, SocketFlags.None, _sendAddress);
                }
            }
        }
        catch (SocketException ex)
        {
            return sent > 0 || ex.SocketErrorCode == SocketError.WouldBlock ? sent : UdpErrors.Result(ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return sent > 0 ? sent : UdpErrors.Result(SocketError.NotSocket);
        }

        return sent;
    }

    /// <summary>
    /// Sets the kernel's receive and send buffer sizes (a value of 0 leaves that one alone): the twin of
    /// <see cref="UdpBatchSocket.SetBufferSizes"/>, SO_*BUFFORCE first, else the plain options.
    /// </summary>
    /// <exception cref="SocketException">The kernel refused.</exception>
    public void SetBufferSizes(int receiveBytes, int sendBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(receiveBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(sendBytes);
        if (receiveBytes > 0)
        {
            SetBuffer(SoReceiveBufferForce, SocketOptionName.ReceiveBuffer, receiveBytes);
        }

        if (sendBytes > 0)
        {
            SetBuffer(SoSendBufferForce, SocketOptionName.SendBuffer, sendBytes);
        }
    }

    /// <summary>
    /// Waits at most <paramref name="microseconds"/> until a datagram waits (Socket.Poll: one poll syscall, no
    /// allocation): the managed twin of <see cref="UdpBatchSocket.Wait"/>, which has no wake event. True when
    /// readable, and also when the socket is closed (so that the caller's next receive reports it).
    /// </summary>
    public bool Poll(int microseconds)
    {
        try
        {
            return _socket.Poll(microseconds, SelectMode.SelectRead);
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();

    private void SetBuffer(int forceOption, SocketOptionName option, int bytes)
    {
        try
        {
            // SOL_SOCKET 1 (Linux); SO_RCVBUFFORCE 33, SO_SNDBUFFORCE 32 need CAP_NET_ADMIN.
            _socket.SetRawSocketOption(1, forceOption, BitConverter.GetBytes(bytes));
        }
        catch (SocketException)
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, option, bytes);
        }
    }
}
