using Gateway.Transport;

namespace Gateway.Tests.Transport;

/// <summary>
/// A test <see cref="IMediaApplication"/>: byte 0 of a packet names the owning worker (0xFF: nobody's), byte 1 is
/// overwritten by the handling worker's index, and the packet is echoed to its source. Byte 2 = 'B' asks for a
/// burst reply instead: <see cref="BurstCount"/> equal-size packets (the last shorter) to the source, for GSO.
/// Counts with Interlocked only, so the handlers allocate nothing per packet.
/// </summary>
internal sealed class EchoMediaApplication : IMediaApplication
{
    public const byte Unknown = 0xFF;
    public const byte BurstMarker = (byte)'B';
    public const int BurstCount = 20;
    public const int BurstSize = 1000;
    public const int BurstLastSize = 500;

    private long[] _handled = [];
    private long[] _ticks = [];
    private long _tickEvery = long.MaxValue;
    private int[] _threads = [];
    private long _handedOver;
    private Func<int, int>? _threadOf;

    public IMediaWorkers? Workers { get; private set; }

    public IFramedConnection? LastConnection { get; private set; }

    /// <summary>Packets OwnerOf saw on a thread other than the owner's (they went through a ring).</summary>
    public long HandedOver => Interlocked.Read(ref _handedOver);

    /// <summary>For the hand-over count: the managed thread id of worker w.</summary>
    public void TrackThreads(Func<int, int> threadOf) => _threadOf = threadOf;

    public long Handled(int worker) => Interlocked.Read(ref _handled[worker]);

    /// <summary>How often worker <paramref name="worker"/>'s handler was ticked.</summary>
    public long Ticks(int worker) => Interlocked.Read(ref _ticks[worker]);

    /// <summary>The interval (Stopwatch ticks) the handlers ask to be ticked at; long.MaxValue (the default): never.</summary>
    public long TickEvery
    {
        get => Interlocked.Read(ref _tickEvery);
        set => Interlocked.Exchange(ref _tickEvery, value);
    }

    /// <summary>The thread worker <paramref name="worker"/>'s handler last ran on.</summary>
    public int HandlerThread(int worker) => Volatile.Read(ref _threads[worker]);

    public void Attach(IMediaWorkers workers)
    {
        Workers = workers;
        _handled = new long[workers.Count];
        _ticks = new long[workers.Count];
        _threads = new int[workers.Count];
    }

    public IMediaHandler CreateHandler(int worker, MediaCounters counters) => new Handler(this, worker, counters);

    public int OwnerOf(ReadOnlySpan<byte> packet, in MediaPath source)
    {
        if (packet.Length < 3 || packet[0] == Unknown || packet[0] >= _handled.Length)
        {
            return -1;
        }

        int owner = packet[0];
        if (_threadOf is { } threadOf && !source.IsFramed && threadOf(owner) != Environment.CurrentManagedThreadId)
        {
            Interlocked.Increment(ref _handedOver);
        }

        return owner;
    }

    private sealed class Handler(EchoMediaApplication app, int worker, MediaCounters counters) : IMediaHandler
    {
        public void OnPacket(Span<byte> packet, in MediaPath source, long receivedTimestamp, IMediaSink sink)
        {
            Interlocked.Increment(ref app._handled[worker]);
            Volatile.Write(ref app._threads[worker], Environment.CurrentManagedThreadId);
            if (source.Connection is not null)
            {
                app.LastConnection = source.Connection;
            }

            packet[1] = (byte)worker;
            if (packet[2] == BurstMarker)
            {
                for (int i = 0; i < BurstCount; i++)
                {
                    int size = i == BurstCount - 1 ? BurstLastSize : BurstSize;
                    Span<byte> reply = sink.Reserve();
                    reply[..size].Fill((byte)i);
                    reply[0] = (byte)i;
                    sink.Commit(size, source, receivedTimestamp);
                }

                return;
            }

            Span<byte> buffer = sink.Reserve();
            packet.CopyTo(buffer);
            sink.Commit(packet.Length, source, receivedTimestamp);
            counters.CountForwarded();
        }

        public long OnTick(long timestamp, IMediaSink sink)
        {
            Interlocked.Increment(ref app._ticks[worker]);
            long every = app.TickEvery;
            return every == long.MaxValue ? long.MaxValue : timestamp + every;
        }
    }
}
