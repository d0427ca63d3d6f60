using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Crypto.Native.Net;

namespace Gateway.Transport;

/// <summary>
/// One worker's UDP socket (native <see cref="UdpBatchSocket"/> or <see cref="ManagedUdpBatchSocket"/>) and the
/// way the worker sleeps on it when idle and is woken by other threads.
/// </summary>
/// <remarks>
/// Native, the port's only worker: the worker sleeps in the receive itself (a blocking recvmmsg with a timeout, as
/// the C relay does), one system call per wake; a wake is a datagram from a private loopback socket, which the
/// worker skips. Native, several workers on the port: one poll over the socket and an eventfd
/// (<see cref="UdpBatchSocket.Wait"/>), then the receive; a wake is one write to the eventfd. Managed: .NET has no poll over a socket and an event together, so the worker polls the socket
/// in 1 ms slices (<see cref="ManagedUdpBatchSocket.Poll"/>) and checks a wake flag between them: a wake costs
/// no syscall and is seen within about 1 ms. Neither allocates per wait.
/// </remarks>
internal sealed class WorkerSocket : IDisposable
{
    private const int ManagedSliceMicroseconds = 1000;

    // Receive timeouts are set in steps of this many milliseconds, so a worker sleeping toward a deadline changes
    // SO_RCVTIMEO at most every step rather than before every wait.
    private const int TimeoutStepMilliseconds = 25;

    private static readonly byte[] WakeDatagram = [0];

    private readonly UdpBatchSocket? _native;
    private readonly ManagedUdpBatchSocket? _managed;
    private readonly UdpWakeEvent? _event;
    private readonly Socket? _wakeSender;
    private int _wakeRequested;
    private int _receiveTimeout = -1;

    private WorkerSocket(UdpBatchSocket native, UdpWakeEvent wake)
    {
        _native = native;
        _event = wake;
        Transport = native;
    }

    private WorkerSocket(UdpBatchSocket native, Socket wakeSender)
    {
        _native = native;
        _wakeSender = wakeSender;
        Transport = native;
        WakeSource = RemoteAddress.FromEndPoint((IPEndPoint)wakeSender.LocalEndPoint!);
    }

    private WorkerSocket(ManagedUdpBatchSocket managed)
    {
        _managed = managed;
        Transport = managed;
    }

    /// <summary>The batch transport.</summary>
    public IUdpBatchTransport Transport { get; }

    /// <summary>The native socket (for GSO sends), or null on the managed transport.</summary>
    public UdpBatchSocket? Native => _native;

    /// <summary>The bound address.</summary>
    public IPEndPoint LocalEndPoint => Transport.LocalEndPoint;

    /// <summary>
    /// Whether the worker sleeps in the receive itself (<see cref="ReceiveWaiting"/>) rather than in <see cref="Wait"/>:
    /// a native socket that is the port's only one, woken by a datagram from <see cref="WakeSource"/>.
    /// </summary>
    public bool ReceivesWhileWaiting => _wakeSender is not null;

    /// <summary>Where wake datagrams come from (<see cref="ReceivesWhileWaiting"/>): the worker skips them; otherwise none.</summary>
    public RemoteAddress WakeSource { get; }

    /// <summary>
    /// Opens a worker's socket on <paramref name="local"/> with SO_REUSEPORT (buffer sizes of 0 keep the kernel's).
    /// With <paramref name="alone"/> (the port's only worker) a native socket is woken through itself: a datagram
    /// from a private loopback socket ends the wait in the receive, where several workers sharing the port need the
    /// poll over the socket and an eventfd (the kernel picks which of them gets a datagram).
    /// </summary>
    public static WorkerSocket Open(IPEndPoint local, bool native, bool gro, int receiveBufferBytes = 0, int sendBufferBytes = 0, bool alone = false)
    {
        var flags = UdpSocketOptions.ReusePort | (gro ? UdpSocketOptions.Gro : UdpSocketOptions.None);
        if (native && alone)
        {
            return OpenReceivingWhileWaiting(local, flags | UdpSocketOptions.BlockingReceive, receiveBufferBytes, sendBufferBytes);
        }

        if (!native)
        {
            var managed = ManagedUdpBatchSocket.Open(local, flags);
            try
            {
                managed.SetBufferSizes(receiveBufferBytes, sendBufferBytes);
                return new WorkerSocket(managed);
            }
            catch
            {
                managed.Dispose();
                throw;
            }
        }

        var socket = UdpBatchSocket.Open(local, flags);
        try
        {
            socket.SetBufferSizes(receiveBufferBytes, sendBufferBytes);
            return new WorkerSocket(socket, UdpWakeEvent.Open());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static WorkerSocket OpenReceivingWhileWaiting(IPEndPoint local, UdpSocketOptions flags, int receiveBufferBytes, int sendBufferBytes)
    {
        var socket = UdpBatchSocket.Open(local, flags);
        Socket? wake = null;
        try
        {
            socket.SetBufferSizes(receiveBufferBytes, sendBufferBytes);

            // Connected to the worker's own address (loopback for a wildcard bind): a send needs no address and
            // allocates nothing, and the worker knows a wake by its source.
            IPEndPoint bound = socket.LocalEndPoint;
            IPAddress target = bound.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
                : bound.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
                : bound.Address;
            wake = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            wake.Bind(new IPEndPoint(target, 0));
            wake.Connect(new IPEndPoint(target, bound.Port));
            wake.Blocking = false;
            return new WorkerSocket(socket, wake);
        }
        catch
        {
            wake?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Wakes the worker if it waits (any thread).</summary>
    public void Wake()
    {
        if (_wakeSender is not null)
        {
            // A full socket buffer already holds a datagram that will wake the worker: a failed send loses nothing.
            _wakeSender.Send(WakeDatagram, SocketFlags.None, out _);
        }
        else if (_event is not null)
        {
            _event.Signal();
        }
        else
        {
            Volatile.Write(ref _wakeRequested, 1);
        }
    }

    /// <summary>
    /// Sleeps at most <paramref name="timeoutMilliseconds"/> until a datagram arrives or <see cref="Wake"/> is called;
    /// false when the socket surely has nothing to read (a timeout or only a wake), so the worker skips a receive
    /// that would only hear EAGAIN.
    /// </summary>
    public bool Wait(int timeoutMilliseconds)
    {
        if (_native is not null)
        {
            return (_native.Wait(_event, timeoutMilliseconds) & UdpWaitResult.Readable) != 0;
        }

        long deadline = Stopwatch.GetTimestamp() + (timeoutMilliseconds * Stopwatch.Frequency / 1000);
        while (Interlocked.Exchange(ref _wakeRequested, 0) == 0)
        {
            if (_managed!.Poll(ManagedSliceMicroseconds))
            {
                return true;
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return false;
            }
        }

        // Woken: the socket may have data too; one receive finds out.
        return true;
    }

    /// <summary>
    /// <see cref="ReceivesWhileWaiting"/>: sleeps in the receive for at most about <paramref name="timeoutMilliseconds"/>
    /// (rounded up to 25 ms steps), then takes what arrived into <paramref name="datagrams"/>: the count, 0 on
    /// timeout, or a negative SocketError. A wake is a datagram too (from <see cref="WakeSource"/>).
    /// </summary>
    public int ReceiveWaiting(Span<UdpDatagram> datagrams, int timeoutMilliseconds)
    {
        int timeout = Math.Max(1, (timeoutMilliseconds + TimeoutStepMilliseconds - 1) / TimeoutStepMilliseconds) * TimeoutStepMilliseconds;
        if (timeout != _receiveTimeout)
        {
            _native!.SetReceiveTimeout(timeout);
            _receiveTimeout = timeout;
        }

        return _native!.ReceiveBatchWaiting(datagrams.Length > UdpBatchSocket.MaxWaitingBatch ? datagrams[..UdpBatchSocket.MaxWaitingBatch] : datagrams);
    }

    /// <summary>Closes the socket and the event (once the worker thread has ended).</summary>
    public void Dispose()
    {
        Transport.Dispose();
        _event?.Dispose();
        _wakeSender?.Dispose();
    }
}
