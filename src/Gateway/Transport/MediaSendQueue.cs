using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Numerics;
using Gateway.Crypto.Native.Net;
using Gateway.Transport.Tcp;

namespace Gateway.Transport;

/// <summary>
/// A worker's <see cref="IMediaSink"/>: packets are written straight into the slots of a pinned send slab and
/// go out together at <see cref="Flush"/> in one sendmmsg; with GSO, each run of equal-size packets to one
/// destination (a video frame's fragments to one subscriber) is one message of that batch that the kernel cuts
/// into datagrams (UDP_SEGMENT per message), so a fan-out of bursts costs one system call. Framed (TCP)
/// packets are handed to their connection at once. Single-threaded: the worker's own.
/// </summary>
internal sealed class MediaSendQueue : IMediaSink
{
    // How often a full socket buffer is retried before the rest of a batch is dropped (never spin forever).
    private const int MaxStalls = 4;

    // UDP_MAX_SEGMENTS is 64 on older kernels (128 on newer); a GSO send's payload must fit one IP datagram.
    private const int MaxGsoSegments = 64;
    private const int MaxGsoBytes = 60_000;

    // A segment must fit the path MTU (the kernel refuses larger ones with EINVAL, which would switch GSO off):
    // 1472 is a 1500-byte Ethernet MTU less the IPv4 and UDP headers. Larger packets go with sendmmsg.
    private const int MaxGsoSegmentSize = 1472;

    private const int SockaddrIn6Size = 28;

    private readonly IUdpBatchTransport _transport;
    private readonly bool _gso;
    private readonly MediaCounters _counters;
    private readonly bool _ipv6Socket;
    private readonly UdpDatagramSlab _slab;
    // Only UDP destinations are queued (framed packets go straight to their connection): plain structs without a
    // reference, so storing one per packet is a copy, not a write-barrier helper call.
    private readonly RemoteAddress[] _destinations;
    private readonly long[] _timestamps;
    private readonly int[] _identity;
    private readonly int[] _order;

    // Grouping by destination as packets are committed (GSO only): an open-addressing table from address to group,
    // groups in order of first appearance, and each group's packets as a list through _next. O(1) per packet,
    // where comparing every packet with every other was quadratic in a flush (160 packets: 1,600 comparisons).
    private readonly int[] _table;
    private readonly int _tableMask;
    private readonly RemoteAddress[] _groupAddress;
    private readonly int[] _groupSlot;
    private readonly int[] _groupHead;
    private readonly int[] _groupTail;
    private readonly int[] _next;
    private int _groupCount;
    // Numbers the flushes of every queue in the process (from 1, so a default hint matches none): a hint names a group
    // of the flush it was made in, and a hint made by another queue can never match this one's.
    private static long s_flushNumbers;
    private long _flushNumber = Interlocked.Increment(ref s_flushNumbers);
    private readonly UdpDatagram[] _batch;
    private readonly int[] _entryIndex;
    private readonly int _capacity;
    private int _count;
    private bool _gsoDisabled;

    /// <summary>A queue of <paramref name="capacity"/> packets of up to <paramref name="slotSize"/> bytes.</summary>
    /// <param name="transport">The worker's socket.</param>
    /// <param name="gso">Whether runs to one destination go as GSO messages (the native socket only; the twin would send them one by one).</param>
    /// <param name="counters">The worker's counters.</param>
    /// <param name="capacity">Packets queued before a forced flush.</param>
    /// <param name="slotSize">The largest packet.</param>
    public MediaSendQueue(IUdpBatchTransport transport, bool gso, MediaCounters counters, int capacity, int slotSize)
    {
        _transport = transport;
        _gso = gso;
        _counters = counters;
        _ipv6Socket = transport.LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6;
        _capacity = capacity;
        _slab = new UdpDatagramSlab(capacity, slotSize);
        _destinations = new RemoteAddress[capacity];
        _timestamps = new long[capacity];
        _identity = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _identity[i] = i;
        }

        _order = new int[capacity];
        int tableSize = (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _table = new int[tableSize];
        _tableMask = tableSize - 1;
        _groupAddress = new RemoteAddress[capacity];
        _groupSlot = new int[capacity];
        _groupHead = new int[capacity];
        _groupTail = new int[capacity];
        _next = new int[capacity];
        _batch = new UdpDatagram[capacity];
        _entryIndex = new int[capacity];
        MaxPacketSize = slotSize;
    }

    /// <inheritdoc/>
    public int MaxPacketSize { get; }

    /// <summary>Whether GSO sends are in use (false after the kernel refused one).</summary>
    public bool GsoActive => _gso && !_gsoDisabled;

    /// <summary>GSO runs sent (each a message of packets the kernel segments): how tests see that GSO was used.</summary>
    public long GsoSends { get; private set; }

    /// <summary>Packets waiting for <see cref="Flush"/>.</summary>
    public int Count => _count;

    /// <inheritdoc/>
    public Span<byte> Reserve()
    {
        if (_count == _capacity)
        {
            Flush();
        }

        return _slab.Datagrams[_count].Buffer;
    }

    /// <inheritdoc/>
    public void Commit(int length, in MediaPath path, long receivedTimestamp)
    {
        SendGroupHint none = default;
        Commit(length, path, receivedTimestamp, ref none);
    }

    /// <inheritdoc/>
    public void Commit(int length, in MediaPath path, long receivedTimestamp, ref SendGroupHint hint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxPacketSize);
        ref UdpDatagram d = ref _slab.Datagrams[_count];
        if (path.Connection is not null)
        {
            // Framed: straight into the connection's outbound buffer; its writer task sends it.
            if (path.Connection is FramedTcpConnection connection && connection.TryEnqueue(d.Buffer[..length]))
            {
                Account(length, receivedTimestamp, Stopwatch.GetTimestamp());
            }
            else
            {
                _counters.Drop(path.Connection.IsOpen ? MediaDropReason.QueueFull : MediaDropReason.SendFailed);
            }

            return;
        }

        if (!path.Address.IsSet)
        {
            _counters.Drop(MediaDropReason.SendFailed);
            return;
        }

        // The sockaddr is written at flush time, once per message: a GSO run's gathered packets need none.
        d.Length = length;
        _destinations[_count] = path.Address;
        _timestamps[_count] = receivedTimestamp;
        if (_gso && !_gsoDisabled)
        {
            AddToGroup(_count, path.Address, ref hint);
        }

        _count++;
    }

    /// <summary>
    /// Appends queued packet <paramref name="entry"/> to its destination's group (a new group at its first packet):
    /// the group the caller's <paramref name="hint"/> names when it is of this flush and this address, else the one
    /// the address table gives; the hint then names it.
    /// </summary>
    private void AddToGroup(int entry, in RemoteAddress destination, ref SendGroupHint hint)
    {
        _next[entry] = -1;
        if (hint.Flush == _flushNumber && hint.Address == destination)
        {
            int hinted = hint.Group;
            _next[_groupTail[hinted]] = entry;
            _groupTail[hinted] = entry;
            return;
        }

        int slot = Hash(destination) & _tableMask;
        int group;
        while (true)
        {
            int found = _table[slot] - 1;
            if (found < 0)
            {
                group = _groupCount++;
                _table[slot] = group + 1;
                _groupAddress[group] = destination;
                _groupSlot[group] = slot;
                _groupHead[group] = entry;
                _groupTail[group] = entry;
                break;
            }

            if (_groupAddress[found] == destination)
            {
                group = found;
                _next[_groupTail[group]] = entry;
                _groupTail[group] = entry;
                break;
            }

            slot = (slot + 1) & _tableMask;
        }

        hint.Flush = _flushNumber;
        hint.Group = group;
        hint.Address = destination;
    }

    // The low address bits and the port vary between participants; a multiplicative mix spreads them over the table.
    private static int Hash(in RemoteAddress address) => (int)(((ulong)address.GetHashCode() * 0x9E3779B97F4A7C15UL) >> 32);

    /// <summary>Forgets the groups (after a flush); every hint of this flush goes stale with them.</summary>
    private void ClearGroups()
    {
        _flushNumber = Interlocked.Increment(ref s_flushNumbers);
        for (int g = 0; g < _groupCount; g++)
        {
            _table[_groupSlot[g]] = 0;
        }

        _groupCount = 0;
    }

    /// <summary>Sends everything queued (the worker calls it after each batch).</summary>
    public void Flush()
    {
        int count = _count;
        if (count == 0)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        Span<UdpDatagram> datagrams = _slab.Datagrams[..count];
        // Groups exist only while GSO is on (a GSO refusal mid-flush leaves some behind: they are cleared all the same).
        bool gso = _gso && !_gsoDisabled && count >= 2 && _groupCount > 0;
        if (gso)
        {
            OrderByGroup();
        }

        SendInOrder(datagrams, gso ? _order : _identity, gso, now);
        ClearGroups();
        _count = 0;
    }

    // An IPv4 destination on a dual-stack (IPv6) socket must go as an IPv4-mapped sockaddr_in6.
    private int WriteDestination(in RemoteAddress address, Span<byte> sockaddr)
    {
        int length = address.WriteSockaddr(sockaddr);
        if (length == 16 && _ipv6Socket)
        {
            Span<byte> v4 = stackalloc byte[4];
            sockaddr.Slice(4, 4).CopyTo(v4);
            ushort port = BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]);
            sockaddr[..SockaddrIn6Size].Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(sockaddr, 10); // AF_INET6
            BinaryPrimitives.WriteUInt16BigEndian(sockaddr[2..], port);
            sockaddr[18] = 0xff;
            sockaddr[19] = 0xff;
            v4.CopyTo(sockaddr[20..]);
            return SockaddrIn6Size;
        }

        return length;
    }

    /// <summary>
    /// Orders the batch by destination into <see cref="_order"/>: first appearance first, each destination's
    /// packets in their order, so a publisher's burst to one subscriber, and packets of several publishers to one
    /// subscriber, lie side by side.
    /// </summary>
    private void OrderByGroup()
    {
        int ordered = 0;
        for (int g = 0; g < _groupCount; g++)
        {
            for (int entry = _groupHead[g]; entry >= 0; entry = _next[entry])
            {
                _order[ordered++] = entry;
            }
        }
    }

    /// <summary>
    /// Sends the queue in <paramref name="order"/> with one sendmmsg: with <paramref name="gso"/>, each run of at
    /// least two equal-size packets to one destination (the last may be shorter) becomes one message the kernel
    /// segments (UDP_SEGMENT), gathered from the packets' own slots (no copy), beside the single packets.
    /// </summary>
    private void SendInOrder(Span<UdpDatagram> datagrams, int[] order, bool gso, long now)
    {
        int count = datagrams.Length;
        int k = 0;
        while (k < count)
        {
            int first = order[k];
            int segment = datagrams[first].Length;
            int end = k + 1;
            int total = segment;
            if (gso && segment > 0 && segment <= MaxGsoSegmentSize)
            {
                RemoteAddress destination = _destinations[first];
                while (end < count && end - k < MaxGsoSegments)
                {
                    int length = datagrams[order[end]].Length;
                    if (_destinations[order[end]] != destination || length > segment || total + length > MaxGsoBytes)
                    {
                        break;
                    }

                    total += length;
                    end++;
                    if (length < segment)
                    {
                        break; // a shorter packet can only end a GSO run
                    }
                }
            }

            bool run = end - k >= 2;
            for (int x = k; x < end; x++)
            {
                ref UdpDatagram entry = ref _batch[x];
                entry = datagrams[order[x]];
                entry.SegmentSize = run && x == k ? segment : 0;
                entry.Continues = run && x > k;
                entry.AddressLength = x == k ? WriteDestination(_destinations[order[x]], entry.AddressStorage) : 0;
                _entryIndex[x] = order[x];
            }

            k = end;
        }

        SendEntries(count, now);
    }

    /// <summary>sendmmsg of the first <paramref name="entries"/> of <see cref="_batch"/> (entry i is queued packet _entryIndex[i]), each counted when it goes.</summary>
    private void SendEntries(int entries, long now)
    {
        int done = 0;
        int stalls = 0;
        while (done < entries)
        {
            int result = _transport.SendBatch(_batch.AsSpan(done, entries - done));
            if (result > 0)
            {
                for (int i = done; i < done + result; i++)
                {
                    if (_batch[i].SegmentSize > 0)
                    {
                        GsoSends++;
                    }

                    Account(_batch[i].Length, _timestamps[_entryIndex[i]], now);
                }

                done += result;
                stalls = 0;
            }
            else if (result == -(int)SocketError.OperationNotSupported && _batch[done].SegmentSize > 0)
            {
                // The kernel refuses segmentation: never again; what is left goes as single packets.
                _gsoDisabled = true;
                for (int i = done; i < entries; i++)
                {
                    _batch[i].SegmentSize = 0;
                    _batch[i].Continues = false;
                }
            }
            else if (IsTransient(result))
            {
                if (++stalls > MaxStalls)
                {
                    for (; done < entries; done++)
                    {
                        _counters.Drop(MediaDropReason.QueueFull);
                    }

                    return;
                }

                Thread.SpinWait(32);
            }
            else
            {
                // The first message failed (unreachable, bad address): skip it (a whole run with it) and send the rest.
                do
                {
                    _counters.Drop(MediaDropReason.SendFailed);
                    done++;
                }
                while (done < entries && _batch[done].Continues);
            }
        }
    }

    private static bool IsTransient(int result) =>
        result == 0 || result == -(int)SocketError.WouldBlock || result == -(int)SocketError.NoBufferSpaceAvailable;

    private void Account(int length, long receivedTimestamp, long now)
    {
        _counters.Sent(1, length);
        // Forwarded packets are counted by the router when it commits them; the transport adds the latency.
        if (receivedTimestamp != 0)
        {
            _counters.RecordLatency(now - receivedTimestamp);
        }
    }
}
