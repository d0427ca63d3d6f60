using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Gateway.Crypto.Native.Net;
using Gateway.Transport.Tcp;

namespace Gateway.Transport;

/// <summary>
/// One transport worker: a dedicated thread with its own SO_REUSEPORT socket, receive slab, send queue and
/// handler. Each loop: receive a batch and route every packet (own meeting: handle; another worker's: copy into
/// the ring to that worker; nobody's: drop), then handle what other workers and the TCP readers handed over,
/// run posted control work, tick the handler when it asked to be, flush the send queue, and sleep when idle.
/// </summary>
/// <remarks>
/// Nothing on the per-packet path allocates, locks or throws. Wake-ups between workers follow the classic
/// store-fence-load handshake: a consumer announces <c>_sleeping</c>, fences, and re-checks its queues before it
/// waits; a producer publishes, fences, and signals only a consumer that announced sleep — so a busy worker is
/// never woken with a syscall, and no hand-over is missed.
/// </remarks>
internal sealed class MediaWorker
{
    // The handler says when it next needs a tick (reports each second, the speaker every 300 ms). A wake costs
    // tens of microseconds on a virtual machine (timer, context switch, a cold cache), as much as forwarding a
    // small burst: so a worker never wakes on a fixed beat. When traffic flows its own wakes run the tick; an idle
    // worker wakes once per deadline, a few milliseconds late so that nearby deadlines share a wake, and at least
    // every quarter second (the handler sees meetings changed from other threads, counters are refreshed).
    private static readonly long MaxTickInterval = Stopwatch.Frequency / 4;
    private const int TickSlackMilliseconds = 5;

    private readonly MediaTransportHost _host;
    private readonly WorkerSocket _socket;
    private readonly IMediaApplication _app;
    private readonly UdpDatagramSlab _receive;
    private readonly ConcurrentQueue<Action> _posted = new();
    private readonly ConcurrentQueue<FramedPacket> _framed = new();
    private readonly int _framedLimit;
    private SpscRing?[] _outbound = [];
    private SpscRing[] _inbound = [];
    private bool[] _wakePending = [];
    private MediaWorker[] _peers = [];
    private IMediaHandler? _handler;
    private Thread? _thread;
    private long _nextTick;
    private long _allocatedBytes;
    private int _sleeping;
    private int _framedCount;
    private bool _socketMayHaveData = true;
    private int _receivedWhileWaiting;

    public MediaWorker(MediaTransportHost host, int index, WorkerSocket socket, IMediaApplication app, MediaTransportOptions options, bool gso)
    {
        _host = host;
        Index = index;
        _socket = socket;
        _app = app;
        _framedLimit = options.RingCapacity;
        // With GRO one read may hold a whole burst of one flow (up to 64 KiB): a packet-sized slot would truncate it.
        _receive = new UdpDatagramSlab(options.BatchSize, socket.Transport.GroEnabled ? MediaTransportHost.GroSlotSize : MediaTransportHost.SlotSize);
        Counters = new MediaCounters();

        // Room for a batch fanned out to a few subscribers before the sink must send mid-batch.
        Sink = new MediaSendQueue(socket.Transport, gso && socket.Native is not null, Counters, Math.Max(256, options.BatchSize * 4), MediaTransportHost.SlotSize);
    }

    public int Index { get; }

    public MediaCounters Counters { get; }

    public MediaSendQueue Sink { get; }

    public WorkerSocket Socket => _socket;

    /// <summary>The worker thread's GC.GetAllocatedBytesForCurrentThread(), sampled every loop.</summary>
    public long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>The worker thread's id once started (for tests: Post runs there).</summary>
    public int ManagedThreadId => _thread?.ManagedThreadId ?? -1;

    /// <summary>Wires the rings: <paramref name="outbound"/>[w] carries packets from this worker to worker w (null for itself).</summary>
    public void Connect(MediaWorker[] peers, SpscRing?[] outbound, SpscRing[] inbound)
    {
        _peers = peers;
        _outbound = outbound;
        _inbound = inbound;
        _wakePending = new bool[peers.Length];
    }

    public void Start(IMediaHandler handler)
    {
        _handler = handler;
        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "gateway-media-" + Index,
        };
        _thread.Start();
    }

    /// <summary>Waits for the thread to end (after the host set its stop flag and woke the worker).</summary>
    public bool Join(TimeSpan timeout) => _thread is null || _thread.Join(timeout);

    public void Post(Action work)
    {
        _posted.Enqueue(work);
        WakeIfSleeping();
    }

    /// <summary>Queues a framed (TCP) packet for this worker (any thread); false when its queue is full.</summary>
    public bool TryEnqueueFramed(in FramedPacket packet)
    {
        if (Interlocked.Increment(ref _framedCount) > _framedLimit)
        {
            Interlocked.Decrement(ref _framedCount);
            return false;
        }

        _framed.Enqueue(packet);
        WakeIfSleeping();
        return true;
    }

    /// <summary>Runs posted work left over once the thread has ended (on the caller's thread).</summary>
    public void DrainPosted()
    {
        while (_posted.TryDequeue(out var work))
        {
            RunPosted(work);
        }
    }

    /// <summary>Returns the pooled buffers of framed packets never handled (after the thread has ended).</summary>
    public void ReleaseFramed()
    {
        while (_framed.TryDequeue(out var packet))
        {
            ArrayPool<byte>.Shared.Return(packet.Buffer);
        }
    }

    public void Wake() => _socket.Wake();

    private void WakeIfSleeping()
    {
        // Publish-then-check (see remarks): the fence orders the enqueue before reading _sleeping.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _socket.Wake();
        }
    }

    private void Run()
    {
        _nextTick = Stopwatch.GetTimestamp();
        while (!_host.IsStopping)
        {
            try
            {
                RunOnce();
            }
            catch (Exception ex)
            {
                // A handler bug must not take the worker (and every meeting on it) down: log and go on.
                _host.Log.WorkerError(Index, ex);
            }
        }

        Sink.Flush();
    }

    private void RunOnce()
    {
        IMediaHandler handler = _handler!;
        // A wait in the receive itself already brought a batch. After a wait that timed out or was only a wake, the
        // socket has nothing: no recvmmsg just to hear EAGAIN.
        int received = _receivedWhileWaiting > 0 ? _receivedWhileWaiting
            : _socketMayHaveData ? _socket.Transport.ReceiveBatch(_receive.Datagrams) : 0;
        _receivedWhileWaiting = 0;
        _socketMayHaveData = true;
        if (received > 0)
        {
            long timestamp = Stopwatch.GetTimestamp();
            Span<UdpDatagram> datagrams = _receive.Datagrams[..received];
            for (int i = 0; i < datagrams.Length; i++)
            {
                ReceiveDatagram(ref datagrams[i], timestamp, handler);
            }

            WakePeers();
        }
        else if (received < 0 && !_host.IsStopping)
        {
            // A lasting socket failure: do not spin on it.
            Thread.Sleep(1);
        }

        int handed = DrainInbound(handler);
        bool posted = RunPostedWork();

        // Posted control work (a meeting or participant added) may bring a deadline sooner than the one known.
        long now = Stopwatch.GetTimestamp();
        if (now >= _nextTick || posted)
        {
            _nextTick = Math.Min(handler.OnTick(now, Sink), now + MaxTickInterval);
        }

        Sink.Flush();
        Counters.SetQueueDepth(QueueDepth());
        Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());

        // A batch that came back short drained the socket: wait in poll rather than ask recvmmsg again only to
        // hear EAGAIN (one syscall fewer per wake at moderate rates; poll returns at once if more arrived).
        if (received < _receive.Count && handed == 0)
        {
            Sleep(now);
        }
    }

    private void ReceiveDatagram(ref UdpDatagram datagram, long timestamp, IMediaHandler handler)
    {
        if (datagram.Truncated || !RemoteAddress.TryRead(datagram.AddressBytes, out var address))
        {
            Counters.Received(1, datagram.Length);
            Counters.Drop(MediaDropReason.Malformed);
            return;
        }

        if (address == _socket.WakeSource && _socket.ReceivesWhileWaiting)
        {
            return; // a wake (see WorkerSocket): not traffic
        }

        var path = new MediaPath(address);
        Span<byte> payload = datagram.Payload;
        int segment = datagram.SegmentSize;
        if (segment <= 0)
        {
            Route(payload, path, timestamp, handler);
            return;
        }

        // GRO: several datagrams of one flow, each `segment` bytes (the last may be shorter).
        for (int offset = 0; offset < payload.Length; offset += segment)
        {
            Route(payload.Slice(offset, Math.Min(segment, payload.Length - offset)), path, timestamp, handler);
        }
    }

    private void Route(Span<byte> packet, in MediaPath path, long timestamp, IMediaHandler handler)
    {
        Counters.Received(1, packet.Length);
        int owner = _app.OwnerOf(packet, path);
        if (owner == Index)
        {
            handler.OnPacket(packet, path, timestamp, Sink);
        }
        else if ((uint)owner >= (uint)_outbound.Length)
        {
            Counters.Drop(MediaDropReason.UnknownSource);
        }
        else if (_outbound[owner]!.TryWrite(packet, path, timestamp))
        {
            _wakePending[owner] = true;
        }
        else
        {
            Counters.Drop(MediaDropReason.QueueFull);
        }
    }

    private void WakePeers()
    {
        bool fenced = false;
        for (int w = 0; w < _wakePending.Length; w++)
        {
            if (!_wakePending[w])
            {
                continue;
            }

            _wakePending[w] = false;
            if (!fenced)
            {
                Interlocked.MemoryBarrier();
                fenced = true;
            }

            MediaWorker peer = _peers[w];
            if (Volatile.Read(ref peer._sleeping) != 0)
            {
                peer._socket.Wake();
            }
        }
    }

    private int DrainInbound(IMediaHandler handler)
    {
        int handled = 0;
        SpscRing[] inbound = _inbound;
        for (int r = 0; r < inbound.Length; r++)
        {
            SpscRing ring = inbound[r];

            // At most one ring's worth per loop, so a flooding peer cannot starve our own socket.
            for (int n = 0; n < ring.Capacity && ring.TryPeek(out var packet, out var path, out long timestamp); n++)
            {
                handler.OnPacket(packet, path, timestamp, Sink);
                ring.Advance();
                handled++;
            }
        }

        for (int n = 0; n < _framedLimit && _framed.TryDequeue(out var framed); n++)
        {
            Interlocked.Decrement(ref _framedCount);
            Counters.Received(1, framed.Length);
            handler.OnPacket(framed.Buffer.AsSpan(0, framed.Length), new MediaPath(framed.Connection), framed.ReceivedTimestamp, Sink);
            ArrayPool<byte>.Shared.Return(framed.Buffer);
            handled++;
        }

        return handled;
    }

    private bool RunPostedWork()
    {
        bool ran = false;
        while (_posted.TryDequeue(out var work))
        {
            RunPosted(work);
            ran = true;
        }

        return ran;
    }

    private void RunPosted(Action work)
    {
        try
        {
            work();
        }
        catch (Exception ex)
        {
            _host.Log.PostedWorkFailed(Index, ex);
        }
    }

    private long QueueDepth()
    {
        long depth = Volatile.Read(ref _framedCount);
        SpscRing[] inbound = _inbound;
        for (int r = 0; r < inbound.Length; r++)
        {
            depth += inbound[r].Count;
        }

        return depth;
    }

    private bool HasWork()
    {
        if (!_posted.IsEmpty || Volatile.Read(ref _framedCount) > 0 || _host.IsStopping)
        {
            return true;
        }

        SpscRing[] inbound = _inbound;
        for (int r = 0; r < inbound.Length; r++)
        {
            if (!inbound[r].IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private void Sleep(long now)
    {
        long untilTick = Math.Max(0, _nextTick - now);
        int timeout = (int)Math.Min((untilTick * 1000 / Stopwatch.Frequency) + TickSlackMilliseconds, MaxTickInterval * 1000 / Stopwatch.Frequency);
        Interlocked.Exchange(ref _sleeping, 1); // a full fence: see remarks
        if (!HasWork())
        {
            if (_socket.ReceivesWhileWaiting)
            {
                int received = _socket.ReceiveWaiting(_receive.Datagrams, timeout);
                _receivedWhileWaiting = Math.Max(0, received);
                _socketMayHaveData = received != 0;
            }
            else
            {
                _socketMayHaveData = _socket.Wait(timeout);
            }
        }

        Volatile.Write(ref _sleeping, 0);
    }
}
