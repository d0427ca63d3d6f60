using System.Buffers;
using System.Net;
using Gateway.Transport.Tcp;

namespace Gateway.Transport;

/// <summary>
/// The media transports, run as a hosted service: one worker thread per configured worker, each with its own UDP
/// socket on the shared media port (SO_REUSEPORT: the kernel spreads remote flows over them), bounded
/// single-producer rings between every ordered pair of workers for packets that arrive on another worker's socket
/// than their meeting's owner, and an RFC 4571 TCP listener on the same port number.
/// </summary>
public sealed class MediaTransportHost : IHostedService, IMediaWorkers, IMediaEndpoints, IDisposable, IAsyncDisposable
{
    /// <summary>Bytes per packet slot (receive, rings, send): room for any packet of a 1500-byte MTU and jumbo-ish frames.</summary>
    public const int SlotSize = 2048;

    /// <summary>Bytes of a receive slot when GRO is on: the largest UDP datagram the kernel may coalesce a burst into.</summary>
    public const int GroSlotSize = 65_536;

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(5);

    private readonly MediaTransportOptions _options;
    private readonly IMediaApplication _app;
    private readonly MediaCounters _tcpCounters = new();
    private readonly Lock _tcpCountersGate = new();
    private MediaWorker[] _workers = [];
    private FramedTcpListener? _tcp;
    private readonly Lock _stopGate = new();
    private Task? _stopped;
    private volatile bool _stopping;
    private volatile bool _running;

    /// <summary>Creates the host; nothing opens before <see cref="StartAsync"/>.</summary>
    public MediaTransportHost(MediaTransportOptions options, IMediaApplication application, ILogger<MediaTransportHost> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _app = application;
        Log = logger;
    }

    /// <inheritdoc/>
    public int Count => _options.Workers;

    /// <inheritdoc/>
    public int UdpPort { get; private set; }

    /// <inheritdoc/>
    public int TcpPort { get; private set; }

    /// <inheritdoc/>
    public IPAddress? AnnouncedAddress => _options.AnnouncedAddress;

    /// <summary>The bound UDP address (null before start).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Whether the native batched transport runs (else the managed one).</summary>
    public bool IsNative => _options.UseNative;

    /// <summary>Whether the kernel accepted UDP GRO on the workers' sockets.</summary>
    public bool GroEnabled { get; private set; }

    /// <summary>Whether GSO sends are in use (native, Media:Gso, and not refused by the kernel).</summary>
    public bool GsoEnabled
    {
        get
        {
            MediaWorker[] workers = _workers;
            return workers.Length > 0 && workers[0].Sink.GsoActive;
        }
    }

    /// <summary>Open RFC 4571 connections.</summary>
    public int TcpConnectionCount => _tcp?.ConnectionCount ?? 0;

    /// <summary>Every worker's counters, then those of the TCP readers (drops before a frame reaches a worker).</summary>
    public IReadOnlyList<MediaCounters> Counters
    {
        get
        {
            var all = new List<MediaCounters>(_workers.Length + 1);
            foreach (var worker in _workers)
            {
                all.Add(worker.Counters);
            }

            all.Add(_tcpCounters);
            return all;
        }
    }

    internal ILogger Log { get; }

    private const int MaxBindAttempts = 20;

    internal bool IsStopping => _stopping;

    private void Bind(MediaWorker[] workers, List<WorkerSocket> sockets)
    {
        var local = new IPEndPoint(_options.Address, _options.Port);
        if (local.Port != 0)
        {
            EnsureNobodyHolds(local);
        }

        for (int i = 0; i < workers.Length; i++)
        {
            // All workers share the port the first socket got (port 0 picks one).
            var socket = WorkerSocket.Open(local, _options.UseNative, _options.UseNative && _options.Gro, _options.ReceiveBufferBytes, _options.SendBufferBytes, alone: workers.Length == 1);
            sockets.Add(socket);
            if (i == 0)
            {
                local = new IPEndPoint(_options.Address, socket.LocalEndPoint.Port);
                LocalEndPoint = socket.LocalEndPoint;
                GroEnabled = socket.Transport.GroEnabled;
            }

            workers[i] = new MediaWorker(this, i, socket, _app, _options, _options.UseNative && _options.Gso);
        }

        if (_options.Tcp)
        {
            _tcp = new FramedTcpListener(this, new IPEndPoint(_options.Address, local.Port), _options.MaxTcpConnections);
        }
    }

    /// <summary>
    /// Throws (AddressAlreadyInUse) when any socket holds <paramref name="local"/>'s UDP port. The workers' sockets
    /// need SO_REUSEPORT to share the port among themselves, but with it a second node of the same user on the same
    /// port would bind too and silently take part of the traffic; a socket bound without it cannot share, so its
    /// bind tells whether the port is free. (A node that binds in the instant between this probe and the workers'
    /// sockets is not caught; two nodes started at once on one port are not a supported set-up either way.)
    /// </summary>
    private static void EnsureNobodyHolds(IPEndPoint local)
    {
        using var probe = new System.Net.Sockets.Socket(local.AddressFamily, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        probe.Bind(local);
    }

    internal IReadOnlyList<MediaWorker> Workers => _workers;

    /// <summary>Bytes worker <paramref name="worker"/>'s thread has allocated (sampled by the worker every loop).</summary>
    public long AllocatedBytes(int worker) => _workers[worker].AllocatedBytes;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var workers = new MediaWorker[_options.Workers];
        var sockets = new List<WorkerSocket>();

        // With port 0 the UDP sockets get a free port, but the same number may be taken on TCP: pick again.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Bind(workers, sockets);
                break;
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                foreach (var socket in sockets)
                {
                    socket.Dispose();
                }

                sockets.Clear();
                _tcp?.Dispose();
                _tcp = null;
                if (_options.Port == 0 && ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse && attempt < MaxBindAttempts)
                {
                    continue;
                }

                throw new MediaBindException(
                    $"The media transport cannot bind {_options.Address} port {_options.Port} (UDP{(_options.Tcp ? " and TCP" : "")}: {ex.SocketErrorCode}): is another gateway node or program on it? Set Media:Port to a free port (0 picks one) or Media:Address to a local address.", ex);
            }
        }

        ConnectRings(workers);
        _workers = workers;
        UdpPort = LocalEndPoint!.Port;
        TcpPort = _tcp?.LocalEndPoint.Port ?? 0;

        _app.Attach(this);
        var handlers = new IMediaHandler[workers.Length];
        for (int i = 0; i < workers.Length; i++)
        {
            handlers[i] = _app.CreateHandler(i, workers[i].Counters);
        }

        _running = true;
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i].Start(handlers[i]);
        }

        _tcp?.Start();
        Log.Started(IsNative ? "native" : "managed", LocalEndPoint, workers.Length, _options.BatchSize, GroEnabled, GsoEnabled,
            _tcp is null ? "off (Media:Tcp=false)" : _tcp.LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <summary>Stops the TCP listener and the workers (joins their threads, closes their sockets). Never hangs: waits are bounded.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            // Before a start there is nothing to stop; after one, every caller gets the same stop.
            return _stopped ?? (_running ? _stopped = StopCoreAsync() : Task.CompletedTask);
        }
    }

    /// <summary>Stops the workers if still running.</summary>
    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Stops the workers if still running.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task StopCoreAsync()
    {
        if (_tcp is { } tcp)
        {
            await tcp.StopAsync().ConfigureAwait(false);
            tcp.Dispose();
        }

        _stopping = true;
        foreach (var worker in _workers)
        {
            worker.Wake();
        }

        // Woken workers check the flag every loop (and sleep at most a quarter second anyway): the joins are short.
        bool allStopped = true;
        foreach (var worker in _workers)
        {
            if (!worker.Join(JoinTimeout))
            {
                Log.WorkerDidNotStop(worker.Index, JoinTimeout.TotalSeconds);
                allStopped = false;
            }
        }

        _running = false;
        foreach (var worker in _workers)
        {
            worker.DrainPosted();
            worker.ReleaseFramed();

            // A worker stuck in a handler keeps its socket: closing it under a running batch call is unsafe.
            if (allStopped)
            {
                worker.Socket.Dispose();
            }
        }

        Log.Stopped();
    }

    /// <inheritdoc/>
    public void Post(int worker, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(worker, Count);
        if (!_running)
        {
            work();
            return;
        }

        MediaWorker target = _workers[worker];
        target.Post(work);
        if (!_running)
        {
            // Stopped meanwhile: the worker may have missed it; run what is left here (each item runs once).
            target.DrainPosted();
        }
    }

    /// <summary>A frame from a TCP reader: to its owner's queue, or dropped and counted.</summary>
    internal void DispatchFramed(in FramedPacket packet, in MediaPath path)
    {
        int owner = _app.OwnerOf(packet.Buffer.AsSpan(0, packet.Length), path);
        MediaWorker[] workers = _workers;
        if ((uint)owner >= (uint)workers.Length)
        {
            ArrayPool<byte>.Shared.Return(packet.Buffer);
            CountTcpDrop(MediaDropReason.UnknownSource, packet.Length);
            return;
        }

        // Accepted frames are counted as received by the worker that handles them.
        if (!workers[owner].TryEnqueueFramed(packet))
        {
            ArrayPool<byte>.Shared.Return(packet.Buffer);
            CountTcpDrop(MediaDropReason.QueueFull, packet.Length);
        }
    }

    /// <summary>
    /// Counts a drop seen by a TCP reader (many threads: under a lock, off the UDP hot path); a frame that was
    /// read whole (<paramref name="frameLength"/> &gt; 0) also counts as received.
    /// </summary>
    internal void CountTcpDrop(MediaDropReason reason, int frameLength = 0)
    {
        lock (_tcpCountersGate)
        {
            if (frameLength > 0)
            {
                _tcpCounters.Received(1, frameLength);
            }

            _tcpCounters.Drop(reason);
        }
    }

    private void ConnectRings(MediaWorker[] workers)
    {
        int n = workers.Length;

        // rings[from, to]: one per ordered pair, so each has exactly one producer and one consumer.
        var rings = new SpscRing?[n, n];
        for (int from = 0; from < n; from++)
        {
            for (int to = 0; to < n; to++)
            {
                if (from != to)
                {
                    rings[from, to] = new SpscRing(_options.RingCapacity, SlotSize);
                }
            }
        }

        for (int w = 0; w < n; w++)
        {
            var outbound = new SpscRing?[n];
            var inbound = new SpscRing[n - 1];
            int k = 0;
            for (int other = 0; other < n; other++)
            {
                outbound[other] = rings[w, other];
                if (other != w)
                {
                    inbound[k++] = rings[other, w]!;
                }
            }

            workers[w].Connect(workers, outbound, inbound);
        }
    }
}
