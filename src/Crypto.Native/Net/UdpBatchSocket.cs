using System.Net;
using System.Net.Sockets;

namespace Gateway.Crypto.Native.Net;

/// <summary>
/// A non-blocking UDP socket of libgateway_native (Linux): one recvmmsg or sendmmsg per batch, UDP GSO
/// sends and GRO receives where the kernel has them. The managed twin is <see cref="ManagedUdpBatchSocket"/>.
/// </summary>
/// <remarks>
/// Batch calls allocate nothing and report failures as values. Dispose once no call is in flight: a call
/// racing with Dispose is a programming error; calls after Dispose return <see cref="SocketError.NotSocket"/>.
/// </remarks>
public sealed unsafe class UdpBatchSocket : IUdpBatchTransport
{
    private readonly UdpSocketHandle _handle;
    private int _fd;

    private UdpBatchSocket(UdpSocketHandle handle, IPEndPoint local, bool gro)
    {
        _handle = handle;
        _fd = (int)handle.DangerousGetHandle();
        LocalEndPoint = local;
        GroEnabled = gro;
    }

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc/>
    public bool GroEnabled { get; }

    /// <summary>Whether libgateway_native loaded here with batch UDP support (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && NativeSupport.Current.Available;

    /// <summary>Opens a socket bound to <paramref name="local"/> (port 0 picks one).</summary>
    /// <exception cref="PlatformNotSupportedException">The native library is not available (see <see cref="IsSupported"/>).</exception>
    /// <exception cref="SocketException">The socket could not be opened or bound.</exception>
    public static UdpBatchSocket Open(IPEndPoint local, UdpSocketOptions options = UdpSocketOptions.None)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("libgateway_native batch UDP I/O is not available: " + NativeSupport.Current.LoadError);
        }

        byte[] address = UdpAddress.ToBytes(local);
        int fd;
        int status;
        fixed (byte* a = address)
        {
            status = Interop.Udp.Open(a, address.Length, (int)options, &fd);
        }

        if (status != NativeStatus.Ok)
        {
            throw new SocketException((int)UdpErrors.FromStatus(status));
        }

        var handle = new UdpSocketHandle();
        handle.Adopt(fd);
        Span<byte> bound = stackalloc byte[UdpDatagram.MaxAddressSize];
        int length = bound.Length;
        fixed (byte* b = bound)
        {
            status = Interop.Udp.LocalAddress(fd, b, &length);
        }

        if (status != NativeStatus.Ok)
        {
            handle.Dispose();
            throw new SocketException((int)UdpErrors.FromStatus(status));
        }

        IPEndPoint endPoint = UdpAddress.ToEndPoint(bound[..length]) ?? local;
        return new UdpBatchSocket(handle, endPoint, Interop.Udp.GroEnabled(fd) == 1);
    }

    /// <inheritdoc/>
    public int ReceiveBatch(Span<UdpDatagram> datagrams) => Receive(datagrams, waiting: false);

    /// <summary>
    /// On a socket opened with <see cref="UdpSocketOptions.BlockingReceive"/>: waits for a datagram (at most the
    /// <see cref="SetReceiveTimeout"/> timeout), then receives it and whatever else is already there, in one
    /// recvmmsg — a worker alone on its socket sleeps here rather than in a poll before the receive (one system call
    /// per wake instead of two). Returns the count, 0 on timeout, or a negative SocketError.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxWaitingBatch"/> datagrams.</exception>
    public int ReceiveBatchWaiting(Span<UdpDatagram> datagrams)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(datagrams.Length, MaxWaitingBatch);
        return Receive(datagrams, waiting: true);
    }

    private int Receive(Span<UdpDatagram> datagrams, bool waiting)
    {
        if (datagrams.IsEmpty)
        {
            return 0;
        }

        int status;
        fixed (UdpDatagram* d = datagrams)
        {
            status = waiting ? Interop.Udp.ReceiveBatchWaiting(_fd, d, datagrams.Length) : Interop.Udp.ReceiveBatch(_fd, d, datagrams.Length);
        }

        return status >= 0 ? status : UdpErrors.Result(UdpErrors.FromStatus(status));
    }

    /// <summary>The most datagrams one <see cref="ReceiveBatchWaiting"/> takes (one recvmmsg).</summary>
    public const int MaxWaitingBatch = 64;

    /// <summary>SO_RCVTIMEO for <see cref="ReceiveBatchWaiting"/>: milliseconds, 0 for no limit.</summary>
    public void SetReceiveTimeout(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        int status = Interop.Udp.SetReceiveTimeout(_fd, milliseconds);
        if (status != NativeStatus.Ok)
        {
            throw new SocketException((int)UdpErrors.FromStatus(status));
        }
    }

    /// <inheritdoc/>
    public int SendBatch(ReadOnlySpan<UdpDatagram> datagrams)
    {
        if (datagrams.IsEmpty)
        {
            return 0;
        }

        int status;
        fixed (UdpDatagram* d = datagrams)
        {
            status = Interop.Udp.SendBatch(_fd, d, datagrams.Length);
        }

        return status >= 0 ? status : UdpErrors.Result(UdpErrors.FromStatus(status));
    }

    /// <summary>
    /// Sends <paramref name="payload"/> to one destination (sockaddr bytes) as datagrams of
    /// <paramref name="segmentSize"/> bytes (the last may be shorter) in one call with UDP_SEGMENT: the bytes
    /// sent, 0 when the socket is full, or a negative <see cref="SocketError"/>
    /// (<see cref="SocketError.OperationNotSupported"/> when the kernel refuses segmentation: send a batch then).
    /// </summary>
    public int SendSegments(ReadOnlySpan<byte> payload, int segmentSize, ReadOnlySpan<byte> address)
    {
        int status;
        fixed (byte* p = payload)
        fixed (byte* a = address)
        {
            status = Interop.Udp.SendGso(_fd, p, payload.Length, segmentSize, a, address.Length);
        }

        return status >= 0 ? status : UdpErrors.Result(UdpErrors.FromStatus(status));
    }

    /// <summary>
    /// Sets the kernel's receive and send buffer sizes (a value of 0 leaves that one alone). Tries SO_RCVBUFFORCE /
    /// SO_SNDBUFFORCE first, which pass net.core.rmem_max / wmem_max with CAP_NET_ADMIN; otherwise the kernel caps them.
    /// </summary>
    /// <exception cref="SocketException">The kernel refused.</exception>
    public void SetBufferSizes(int receiveBytes, int sendBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(receiveBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(sendBytes);
        int status = Interop.UdpWait.SetBuffers(_fd, receiveBytes, sendBytes);
        if (status != NativeStatus.Ok)
        {
            throw new SocketException((int)UdpErrors.FromStatus(status));
        }
    }

    /// <summary>
    /// Waits at most <paramref name="timeoutMilliseconds"/> (0 just looks) until a datagram waits or
    /// <paramref name="wake"/> is signaled (one poll; no allocation). Resets a signaled event. On a failure
    /// (a closed socket) returns <see cref="UdpWaitResult.Readable"/> so that the caller's next receive reports it.
    /// </summary>
    public UdpWaitResult Wait(UdpWakeEvent? wake, int timeoutMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMilliseconds);
        int status = Interop.UdpWait.Wait(_fd, wake is null ? -1 : wake.Descriptor, timeoutMilliseconds);
        return status >= 0 ? (UdpWaitResult)status : UdpWaitResult.Readable;
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        _fd = -1;
        _handle.Dispose();
    }
}
