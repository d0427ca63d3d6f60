using System.Diagnostics;
using System.Net;
using Gateway.Crypto.Native.Net;

namespace Gateway.Transport;

/// <summary>
/// One worker's UDP socket (native <see cref="UdpBatchSocket"/> or <see cref="ManagedUdpBatchSocket"/>) and the
/// way the worker sleeps on it when idle and is woken by other threads.
/// </summary>
/// <remarks>
/// Native: one poll over the socket and an eventfd (<see cref="UdpBatchSocket.Wait"/>); a wake is one write to
/// the eventfd. Managed: .NET has no poll over a socket and an event together, so the worker polls the socket
/// in 1 ms slices (<see cref="ManagedUdpBatchSocket.Poll"/>) and checks a wake flag between them: a wake costs
/// no syscall and is seen within about 1 ms. Neither allocates per wait.
/// </remarks>
internal sealed class WorkerSocket : IDisposable
{
    private const int ManagedSliceMicroseconds = 1000;

    private readonly UdpBatchSocket? _native;
    private readonly ManagedUdpBatchSocket? _managed;
    private readonly UdpWakeEvent? _event;
    private int _wakeRequested;

    private WorkerSocket(UdpBatchSocket native, UdpWakeEvent wake)
    {
        _native = native;
        _event = wake;
        Transport = native;
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

    /// <summary>Opens a worker's socket on <paramref name="local"/> with SO_REUSEPORT (buffer sizes of 0 keep the kernel's).</summary>
    public static WorkerSocket Open(IPEndPoint local, bool native, bool gro, int receiveBufferBytes = 0, int sendBufferBytes = 0)
    {
        var flags = UdpSocketOptions.ReusePort | (gro ? UdpSocketOptions.Gro : UdpSocketOptions.None);
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

    /// <summary>Wakes the worker if it waits (any thread).</summary>
    public void Wake()
    {
        if (_event is not null)
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

    /// <summary>Closes the socket and the event (once the worker thread has ended).</summary>
    public void Dispose()
    {
        Transport.Dispose();
        _event?.Dispose();
    }
}
