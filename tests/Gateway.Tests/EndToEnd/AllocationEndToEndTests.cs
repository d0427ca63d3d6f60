using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Gateway.Tests.Infrastructure;
using Gateway.Transport;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// The whole node's per-packet path — receive, hand-off between workers, SRTP unprotect, fan-out, re-protect,
/// batched send — allocates nothing: over 100,000 forwarded packets on real sockets, the media worker threads'
/// allocated-bytes counters do not move. Counted, not timed.
/// </summary>
public sealed class AllocationEndToEndTests
{
    private const int Subscribers = 3;
    private const int WarmUpChunk = 200;

    // 34,000 published × 3 subscribers = 102,000 forwarded: at least 100,000 even if a few are lost.
    private const int Packets = 34_000;

    // At most this many packets published and not yet at every subscriber. Why pace at all: the managed transport
    // allocates a SocketException when a send hits EAGAIN (a full socket buffer), which is a rare, counted
    // back-pressure path and not what this test measures. With subscribers draining on their own threads and the
    // gateway's 4 MiB send buffer, a few hundred packets in flight on loopback never fill a buffer.
    private const int Window = 256;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Transports => RelayEndToEndTests.Transports;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Forwarding_over_100000_packets_allocates_nothing_on_the_media_workers(string transport)
    {
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        var host = node.Service<MediaTransportHost>();
        Assert.Equal(transport == "native", host.IsNative);
        await MediaTestClient.CreateRoomAsync(node, "alloc", maxPacketsPerSecond: 1_000_000);
        await using var publisher = await SrtpEndToEndClient.JoinAsync(node, "alloc", "pub", 0xA110C);
        var subscribers = new List<SrtpEndToEndClient>();
        for (int i = 0; i < Subscribers; i++)
        {
            subscribers.Add(await SrtpEndToEndClient.JoinAsync(node, "alloc", $"sub{i}", null));
        }

        var drains = new Drains(subscribers);
        try
        {
            // Warm up until every participant has had its first RTCP report: first packets latch paths and run
            // first-use code, and a participant's first report creates its SRTCP stream state (once per participant,
            // as a join does — not per packet). The meeting's reports start a second after it was created.
            var warmUp = Stopwatch.StartNew();
            int warmUpPackets = 0;
            bool publisherReported = false;
            while (!publisherReported || drains.MinimumReports() == 0)
            {
                Assert.True(warmUp.Elapsed < TimeSpan.FromSeconds(5), $"no RTCP report within 5 s (publisher: {publisherReported}, subscribers: {drains.MinimumReports()})");
                Publish(publisher, drains, WarmUpChunk);
                warmUpPackets += WarmUpChunk;
                while (publisher.ReceivePacket(TimeSpan.FromMilliseconds(20)) is byte[] packet)
                {
                    publisherReported |= SrtpEndToEndClient.IsRtcp(packet);
                }
            }

            Assert.True(drains.WaitFor(warmUpPackets, Patience), $"warm-up: subscribers got {drains.Describe()} of {warmUpPackets}");
            await Task.Delay(300, TestContext.Current.CancellationToken);

            long[] before = Allocated(host);
            long forwardedBefore = Forwarded(host);
            int logBefore = node.Log.Entries.Count;
            int gcBefore = GC.CollectionCount(0);

            Publish(publisher, drains, Packets);
            drains.WaitFor(warmUpPackets + Packets, Patience);

            // The workers sample their counter at the end of every loop, and an idle worker loops at least every
            // 10 ms: after 100 ms without traffic the samples include everything the window did.
            await Task.Delay(100, TestContext.Current.CancellationToken);
            long forwarded = Forwarded(host) - forwardedBefore;
            long[] after = Allocated(host);
            int gcs = GC.CollectionCount(0) - gcBefore;

            Assert.True(forwarded >= 100_000, $"forwarded {forwarded} packets in the window (subscribers got {drains.Describe()})");
            for (int w = 0; w < before.Length; w++)
            {
                Assert.True(after[w] - before[w] < AllocationBudget.PerHundredThousandPackets, $"worker {w} allocated {after[w] - before[w]} bytes while forwarding {forwarded} packets; "
                    + $"drops {Drops(host)}; {gcs} GCs; logged meanwhile: {string.Join(" | ", node.Log.Entries.Skip(logBefore).Select(entry => $"{entry.Level} {entry.Category}: {entry.Message}"))}");
            }

            // What arrived is real SRTP for each subscriber (the first packet: its rollover counter is known to be 0).
            for (int i = 0; i < Subscribers; i++)
            {
                Assert.Equal(0xA110Cu, subscribers[i].Unprotect(drains.First(i)).Ssrc);
            }
        }
        finally
        {
            drains.Dispose();
            foreach (var subscriber in subscribers)
            {
                await subscriber.DisposeAsync();
            }
        }
    }

    /// <summary>The measurement itself: an allocation posted onto each worker thread shows in its counter.</summary>
    [Theory]
    [MemberData(nameof(Transports))]
    public async Task An_allocation_on_a_media_worker_is_seen_by_the_measurement(string transport)
    {
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        var host = node.Service<MediaTransportHost>();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        long[] before = Allocated(host);
        byte[]?[] kept = new byte[host.Count][];
        for (int w = 0; w < host.Count; w++)
        {
            int worker = w;
            host.Post(worker, () => kept[worker] = new byte[1000]);
        }

        await Task.Delay(100, TestContext.Current.CancellationToken);
        long[] after = Allocated(host);
        for (int w = 0; w < before.Length; w++)
        {
            Assert.NotNull(kept[w]);
            Assert.True(after[w] - before[w] >= 1000, $"worker {w}: {after[w] - before[w]} bytes seen");
        }
    }

    private static long[] Allocated(MediaTransportHost host)
    {
        var bytes = new long[host.Count];
        for (int w = 0; w < bytes.Length; w++)
        {
            bytes[w] = host.AllocatedBytes(w);
        }

        return bytes;
    }

    private static string Drops(MediaTransportHost host)
    {
        var drops = new List<string>();
        foreach (MediaDropReason reason in Enum.GetValues<MediaDropReason>())
        {
            long total = host.Counters.Sum(counters => counters.Drops(reason));
            if (total > 0)
            {
                drops.Add($"{reason} {total}");
            }
        }

        return drops.Count == 0 ? "none" : string.Join(", ", drops);
    }

    private static long Forwarded(MediaTransportHost host)
    {
        long total = 0;
        foreach (MediaCounters counters in host.Counters)
        {
            total += counters.Forwarded;
        }

        return total;
    }

    /// <summary>
    /// Publishes <paramref name="count"/> packets, keeping at most <see cref="Window"/> ahead of the slowest
    /// subscriber; a packet lost on the way (none expected on loopback) stalls the window, so after 200 ms without
    /// progress the window moves on.
    /// </summary>
    private static void Publish(SrtpEndToEndClient publisher, Drains drains, int count)
    {
        byte[] payload = new byte[100];
        long start = drains.Minimum();
        long lost = 0;
        long lastProgress = Stopwatch.GetTimestamp();
        long lastMinimum = start;
        for (int i = 0; i < count;)
        {
            long minimum = drains.Minimum();
            if (minimum != lastMinimum)
            {
                lastMinimum = minimum;
                lastProgress = Stopwatch.GetTimestamp();
            }

            if (i - (minimum - start) - lost >= Window)
            {
                if (Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromMilliseconds(200))
                {
                    lost = i - (minimum - start);
                    lastProgress = Stopwatch.GetTimestamp();
                }
                else
                {
                    Thread.Yield();
                }

                continue;
            }

            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            publisher.SendRtp(payload);
            i++;
        }
    }

    /// <summary>One thread per subscriber socket, receiving as fast as it can and counting RTP datagrams.</summary>
    private sealed class Drains : IDisposable
    {
        private readonly List<SrtpEndToEndClient> _clients;
        private readonly long[] _counts;
        private readonly long[] _reports;
        private readonly byte[]?[] _first;
        private readonly Thread[] _threads;
        private volatile bool _stop;

        public Drains(List<SrtpEndToEndClient> clients)
        {
            _clients = clients;
            _counts = new long[clients.Count];
            _reports = new long[clients.Count];
            _first = new byte[clients.Count][];
            _threads = new Thread[clients.Count];
            for (int i = 0; i < clients.Count; i++)
            {
                int index = i;
                _threads[i] = new Thread(() => Run(index)) { IsBackground = true, Name = "subscriber-" + i };
                _threads[i].Start();
            }
        }

        public long Minimum()
        {
            long minimum = long.MaxValue;
            for (int i = 0; i < _counts.Length; i++)
            {
                minimum = Math.Min(minimum, Volatile.Read(ref _counts[i]));
            }

            return minimum;
        }

        public bool WaitFor(long count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Minimum() < count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                Thread.Sleep(5);
            }

            return true;
        }

        public string Describe() => string.Join(", ", _counts);

        public long MinimumReports()
        {
            long minimum = long.MaxValue;
            for (int i = 0; i < _reports.Length; i++)
            {
                minimum = Math.Min(minimum, Volatile.Read(ref _reports[i]));
            }

            return minimum;
        }

        public byte[] First(int index) => Volatile.Read(ref _first[index]) ?? throw new InvalidOperationException("nothing received");

        public void Dispose()
        {
            _stop = true;
            foreach (var thread in _threads)
            {
                thread.Join();
            }
        }

        private void Run(int index)
        {
            Socket socket = _clients[index].Socket;
            byte[] buffer = new byte[2048];
            while (!_stop)
            {
                if (!socket.Poll(TimeSpan.FromMilliseconds(10), SelectMode.SelectRead))
                {
                    continue;
                }

                int length = socket.Receive(buffer);
                if (length >= 2 && buffer[1] is >= 192 and <= 223)
                {
                    Interlocked.Increment(ref _reports[index]); // the gateway's RTCP reports
                    continue;
                }

                if (Interlocked.Increment(ref _counts[index]) == 1)
                {
                    Volatile.Write(ref _first[index], buffer.AsSpan(0, length).ToArray());
                }
            }
        }
    }
}
