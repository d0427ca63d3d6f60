using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Gateway.Crypto.Native.Net;
using Gateway.Transport.Tcp;

namespace Gateway.Transport;

/// <summary>
/// A worker's <see cref="IMediaSink"/>: packets are written straight into the slots of a pinned send slab and
/// go out together at <see cref="Flush"/> — one sendmmsg for the batch, or, with GSO, one UDP_SEGMENT send per
/// run of equal-size packets to one destination (a video frame's fragments to one subscriber). Framed (TCP)
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
    private readonly UdpBatchSocket? _gso;
    private readonly MediaCounters _counters;
    private readonly bool _ipv6Socket;
    private readonly UdpDatagramSlab _slab;
    private readonly MediaPath[] _paths;
    private readonly long[] _timestamps;
    private readonly int[] _identity;
    private readonly int[] _order;
    private readonly bool[] _grouped;
    private readonly UdpDatagram[] _batch;
    private readonly int[] _batchIndex;
    private readonly byte[] _gsoBuffer;
    private readonly int _capacity;
    private int _count;
    private bool _gsoDisabled;

    /// <summary>A queue of <paramref name="capacity"/> packets of up to <paramref name="slotSize"/> bytes.</summary>
    /// <param name="transport">The worker's socket.</param>
    /// <param name="gso">The native socket when GSO sends are wanted, else null.</param>
    /// <param name="counters">The worker's counters.</param>
    /// <param name="capacity">Packets queued before a forced flush.</param>
    /// <param name="slotSize">The largest packet.</param>
    public MediaSendQueue(IUdpBatchTransport transport, UdpBatchSocket? gso, MediaCounters counters, int capacity, int slotSize)
    {
        _transport = transport;
        _gso = gso;
        _counters = counters;
        _ipv6Socket = transport.LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6;
        _capacity = capacity;
        _slab = new UdpDatagramSlab(capacity, slotSize);
        _paths = new MediaPath[capacity];
        _timestamps = new long[capacity];
        _identity = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _identity[i] = i;
        }

        _order = new int[capacity];
        _grouped = new bool[capacity];
        _batch = new UdpDatagram[capacity];
        _batchIndex = new int[capacity];
        _gsoBuffer = gso is null ? [] : new byte[MaxGsoBytes];
        MaxPacketSize = slotSize;
    }

    /// <inheritdoc/>
    public int MaxPacketSize { get; }

    /// <summary>Whether GSO sends are in use (false after the kernel refused one).</summary>
    public bool GsoActive => _gso is not null && !_gsoDisabled;

    /// <summary>GSO sends made (each carrying a run of packets): how tests see that GSO was used.</summary>
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

        Span<byte> sockaddr = stackalloc byte[SockaddrIn6Size];
        int addressLength = WriteDestination(path.Address, sockaddr);
        if (addressLength == 0)
        {
            _counters.Drop(MediaDropReason.SendFailed);
            return;
        }

        d.SetAddress(sockaddr[..addressLength]);
        d.Length = length;
        _paths[_count] = path;
        _timestamps[_count] = receivedTimestamp;
        _count++;
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
        if (_gso is not null && !_gsoDisabled && count >= 2)
        {
            FlushGrouped(datagrams, now);
        }
        else
        {
            SendDatagrams(datagrams, _identity, now);
        }

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
    /// Orders the batch by destination (first appearance first, each destination's packets in their order),
    /// then sends each run of at least two equal-size packets to one destination (the last may be shorter) as
    /// one GSO send and everything else with sendmmsg, in that order.
    /// </summary>
    private void FlushGrouped(Span<UdpDatagram> datagrams, long now)
    {
        int count = datagrams.Length;
        Array.Clear(_grouped, 0, count);
        int ordered = 0;
        for (int i = 0; i < count; i++)
        {
            if (_grouped[i])
            {
                continue;
            }

            RemoteAddress destination = _paths[i].Address;
            for (int j = i; j < count; j++)
            {
                if (!_grouped[j] && _paths[j].Address == destination)
                {
                    _grouped[j] = true;
                    _order[ordered++] = j;
                }
            }
        }

        int pending = 0;
        int k = 0;
        while (k < ordered)
        {
            int first = _order[k];
            int segment = datagrams[first].Length;
            RemoteAddress destination = _paths[first].Address;
            int end = k + 1;
            int total = segment;
            while (end < ordered && end - k < MaxGsoSegments)
            {
                int next = _order[end];
                int length = datagrams[next].Length;
                if (_paths[next].Address != destination || length > segment || total + length > MaxGsoBytes)
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

            if (end - k >= 2 && segment > 0 && segment <= MaxGsoSegmentSize && !_gsoDisabled)
            {
                // Keep the order: whatever is pending for sendmmsg goes first.
                SendDatagrams(_batch.AsSpan(0, pending), _batchIndex, now);
                pending = 0;
                if (SendRun(datagrams, k, end, segment, total, now))
                {
                    k = end;
                    continue;
                }
            }

            for (int x = k; x < end; x++)
            {
                _batch[pending] = datagrams[_order[x]];
                _batchIndex[pending] = _order[x];
                pending++;
            }

            k = end;
        }

        SendDatagrams(_batch.AsSpan(0, pending), _batchIndex, now);
    }

    /// <summary>One GSO send of _order[start..end): false when the kernel refuses GSO (then never again; the caller sends a batch).</summary>
    private bool SendRun(Span<UdpDatagram> datagrams, int start, int end, int segment, int total, long now)
    {
        int offset = 0;
        for (int x = start; x < end; x++)
        {
            ReadOnlySpan<byte> payload = datagrams[_order[x]].Payload;
            payload.CopyTo(_gsoBuffer.AsSpan(offset));
            offset += payload.Length;
        }

        ReadOnlySpan<byte> address = datagrams[_order[start]].AddressBytes;
        for (int stalls = 0; ; stalls++)
        {
            int result = _gso!.SendSegments(_gsoBuffer.AsSpan(0, total), segment, address);
            if (result > 0)
            {
                GsoSends++;
                for (int x = start; x < end; x++)
                {
                    int index = _order[x];
                    Account(datagrams[index].Length, _timestamps[index], now);
                }

                return true;
            }

            if (result == -(int)SocketError.OperationNotSupported)
            {
                _gsoDisabled = true;
                return false;
            }

            if (!IsTransient(result) || stalls >= MaxStalls)
            {
                var reason = IsTransient(result) ? MediaDropReason.QueueFull : MediaDropReason.SendFailed;
                for (int x = start; x < end; x++)
                {
                    _counters.Drop(reason);
                }

                return true;
            }

            Thread.SpinWait(32);
        }
    }

    /// <summary>sendmmsg of <paramref name="datagrams"/>; <paramref name="indexes"/>[i] is datagram i's queue index (for its timestamp).</summary>
    private void SendDatagrams(Span<UdpDatagram> datagrams, int[] indexes, long now)
    {
        int done = 0;
        int stalls = 0;
        while (done < datagrams.Length)
        {
            int result = _transport.SendBatch(datagrams[done..]);
            if (result > 0)
            {
                for (int i = done; i < done + result; i++)
                {
                    Account(datagrams[i].Length, _timestamps[indexes[i]], now);
                }

                done += result;
                stalls = 0;
            }
            else if (IsTransient(result))
            {
                if (++stalls > MaxStalls)
                {
                    for (; done < datagrams.Length; done++)
                    {
                        _counters.Drop(MediaDropReason.QueueFull);
                    }

                    return;
                }

                Thread.SpinWait(32);
            }
            else
            {
                // The first datagram failed (unreachable, bad address): skip it and send the rest.
                _counters.Drop(MediaDropReason.SendFailed);
                done++;
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
