using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gateway.Crypto.Native.Net;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;

namespace Gateway.RelayBench.Load;

/// <summary>
/// The load generator: one UDP socket per simulated participant (native batched I/O), publishers paced by
/// the clock in bursts, every subscriber decrypting what it receives. One thread: the send timestamps in
/// the payloads and the receive clock are the same Stopwatch, so forward latency is receive − send (it
/// includes the load generator's own queueing: a packet waits in the subscriber's socket until the loop
/// comes round to it).
/// </summary>
/// <remarks>
/// Payload layout (after the 12-byte RTP header; video payloads first carry a 4-byte VP8 descriptor and payload
/// header, one frame per burst, a key frame every 100 frames): send timestamp (Stopwatch ticks, 8 bytes LE), publisher
/// index (4), packet number (8), then zeros. Publishers are told apart by the index, not the SSRC, so a
/// relay that rewrites SSRCs is measured the same.
/// </remarks>
internal sealed class LoadGenerator : IDisposable
{
    private const int HeaderLength = RtpHeader.FixedLength;

    // Payloads of at least this size are video (VP8 in the offer, see SdpOffer): they start with a 4-byte VP8 prefix.
    private const int VideoPayloadSize = 400;
    private const int VideoPrefix = 4;
    private const long KeyframeInterval = 100;
    private const int TagLength = 16;
    private const int MaxBurst = 64;
    private const int ReceiveSlots = 32;
    private const int ReceiveSlotSize = 65536;
    private const int SubscriberReceiveBuffer = 2 * 1024 * 1024;

    private readonly LoadPlan _plan;
    private readonly Member[] _members;
    private readonly byte[] _relayAddress;
    private readonly UdpDatagramSlab _receiveSlab = new(ReceiveSlots, ReceiveSlotSize);
    private readonly UdpDatagramSlab _sendSlab = new(MaxBurst, 2048);
    private readonly LatencyHistogram _latency = new();
    private readonly long[] _receivedFrom;   // [subscriber] packets received that were sent in the window
    private readonly long[] _lastNumber;     // [subscriber * members + publisher] the last packet number received
    private long _outOfOrder;
    private readonly double _ticksPerMicrosecond = Stopwatch.Frequency / 1e6;
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _decryptFailures;
    private long _otherPackets;
    private long _sendBlocked;

    public LoadGenerator(LoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        IPEndPoint relay = IPEndPoint.Parse(plan.Relay);
        SocketAddress relayAddress = relay.Serialize();
        _relayAddress = relayAddress.Buffer.Span[..relayAddress.Size].ToArray();

        int publishers = plan.Participants.Count(p => p.Publish);
        _members = new Member[plan.Participants.Count];
        for (int i = 0; i < _members.Length; i++)
        {
            _members[i] = new Member(plan.Participants[i], Math.Clamp(publishers, SrtpOptions.MinReplayWindow, SrtpOptions.MaxStreamsLimit));
        }

        foreach (Member m in _members)
        {
            m.Others = _members.Count(o => o.Plan.Meeting == m.Plan.Meeting) - 1;
        }

        _receivedFrom = new long[_members.Length];
        _lastNumber = new long[_members.Length * _members.Length];
        Array.Fill(_lastNumber, -1);
    }

    /// <summary>Warm-up, the measured window, then the drain; the result of the window.</summary>
    public LoadResult Run(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        long start = Stopwatch.GetTimestamp();
        long warmupEnd = start + (long)(_plan.WarmupSeconds * Stopwatch.Frequency);
        long sendEnd = warmupEnd + (long)(_plan.DurationSeconds * Stopwatch.Frequency);
        long drainEnd = sendEnd + (_plan.DrainMilliseconds * Stopwatch.Frequency / 1000);
        _windowStart = warmupEnd;
        _windowEnd = sendEnd;

        double relayCpuStart = double.NaN;
        double relayRunStart = double.NaN;
        TimeSpan loadgenCpuStart = TimeSpan.Zero;
        bool measuring = false;
        while (true)
        {
            long now = Stopwatch.GetTimestamp();
            if (!measuring && now >= warmupEnd)
            {
                measuring = true;
                relayCpuStart = ProcessCpu.Seconds(_plan.RelayPid);
                relayRunStart = ProcessCpu.ThreadRunSeconds(_plan.RelayPid);
                loadgenCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            }

            if (now >= drainEnd)
            {
                break;
            }

            int work = 0;
            if (now < sendEnd)
            {
                foreach (Member m in _members)
                {
                    if (m.Plan.Publish)
                    {
                        work += Send(m, now, start);
                    }
                }
            }

            foreach (Member m in _members)
            {
                work += Receive(m);
            }

            if (work == 0)
            {
                if (_plan.Spin)
                {
                    Thread.SpinWait(20);
                }
                else
                {
                    IdleWait.Microseconds(_plan.IdleMicroseconds);
                }
            }
        }

        double relayCpu = ProcessCpu.Seconds(_plan.RelayPid) - relayCpuStart;
        double relayRun = ProcessCpu.ThreadRunSeconds(_plan.RelayPid) - relayRunStart;
        double loadgenCpu = (Process.GetCurrentProcess().TotalProcessorTime - loadgenCpuStart).TotalSeconds;
        LoadResult result = Summarize(relayCpu, loadgenCpu, log);
        result.RelayCpuSecondsTicks = relayCpu;
        result.RelayCpuSecondsSchedstat = relayRun;

        // Ticks are exact but coarse, per-thread run time is fine but forgets threads that ended: take the fine
        // one when both agree within the ticks' error (two samples, one tick each, per thread that ran).
        if (relayRun > 0 && Math.Abs(relayRun - relayCpu) <= 0.03 + (0.02 * relayCpu))
        {
            result.RelayCpuSeconds = relayRun;
        }

        return result;
    }

    private LoadResult Summarize(double relayCpu, double loadgenCpu, TextWriter log)
    {
        long sent = 0;
        long expected = 0;
        long received = 0;
        double worst = 1;
        for (int i = 0; i < _members.Length; i++)
        {
            Member m = _members[i];
            sent += m.SentInWindow;
            expected += m.SentInWindow * m.Others;
            received += _receivedFrom[i];
        }

        for (int i = 0; i < _members.Length; i++)
        {
            long shouldHave = 0;
            foreach (Member p in _members)
            {
                if (p != _members[i] && p.Plan.Meeting == _members[i].Plan.Meeting)
                {
                    shouldHave += p.SentInWindow;
                }
            }

            if (shouldHave > 0)
            {
                worst = Math.Min(worst, _receivedFrom[i] / (double)shouldHave);
            }
        }

        double window = _plan.DurationSeconds;
        if (_sendBlocked > 0)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loadgen: {_sendBlocked} sends found the socket full (retried)"));
        }

        return new LoadResult
        {
            WindowSeconds = window,
            Sent = sent,
            Expected = expected,
            Received = received,
            Loss = expected == 0 ? 0 : Math.Max(0, 1 - (received / (double)expected)),
            DecryptFailures = _decryptFailures,
            OutOfOrder = _outOfOrder,
            OtherPackets = _otherPackets,
            SendBlocked = _sendBlocked,
            ForwardedPerSecond = received / window,
            RelayCpuSeconds = relayCpu,
            LoadgenCpuSeconds = loadgenCpu,
            LatencyP50Microseconds = _latency.Quantile(0.50),
            LatencyP99Microseconds = _latency.Quantile(0.99),
            LatencyMaxMicroseconds = _latency.MaxMicroseconds,
            WorstSubscriberDelivery = worst,
        };
    }

    /// <summary>Sends what the publisher's rate says is due by now, as one burst.</summary>
    private int Send(Member m, long now, long start)
    {
        if (m.PendingLength > 0)
        {
            if (!Flush(m))
            {
                return 0;
            }
        }

        double elapsed = (now - start) / (double)Stopwatch.Frequency;
        long due = (long)(elapsed * m.Plan.PacketsPerSecond) - m.SentTotal;
        int frame = Math.Clamp(m.Plan.BurstPackets, 1, MaxBurst);
        if (due < frame)
        {
            return 0;
        }

        // Whole bursts only (a behind publisher catches up with several at once, up to MaxBurst packets).
        int burst = (int)Math.Min(due - (due % frame), MaxBurst - (MaxBurst % frame));
        int packetLength = HeaderLength + m.Plan.PayloadSize;
        int protectedLength = packetLength + TagLength;
        bool inWindow = now >= _windowStart && now < _windowEnd;
        for (int k = 0; k < burst; k++)
        {
            Span<byte> packet = m.Burst.AsSpan(k * protectedLength, protectedLength);
            packet.Clear();
            packet[0] = 0x80;
            packet[1] = (byte)((m.Plan.PayloadSize >= 400 ? 96 : 111) | (k == burst - 1 ? 0x80 : 0));
            BinaryPrimitives.WriteUInt16BigEndian(packet[2..], m.Sequence++);
            BinaryPrimitives.WriteUInt32BigEndian(packet[4..], m.RtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(packet[8..], m.Plan.Ssrc);
            Span<byte> payload = packet[HeaderLength..];
            if (m.Plan.PayloadSize >= VideoPayloadSize)
            {
                // One VP8 frame per burst of the plan (RFC 7741: descriptor S=1, PID=0 on its first packet; payload header P=0 on a key
                // frame), a key frame every KeyframeInterval frames: the gateway starts each subscriber at a key frame.
                bool frameStart = k % frame == 0;
                long frameNumber = (m.SentTotal + k) / frame;
                payload[0] = frameStart ? (byte)0x10 : (byte)0x00;
                payload[1] = frameStart && frameNumber % KeyframeInterval == 0 ? (byte)0x00 : (byte)0x01;
                payload = payload[VideoPrefix..];
            }

            BinaryPrimitives.WriteInt64LittleEndian(payload, now);
            BinaryPrimitives.WriteInt32LittleEndian(payload[8..], m.Plan.Index);
            BinaryPrimitives.WriteInt64LittleEndian(payload[12..], m.SentTotal + k);
            if (m.Send.ProtectRtp(packet, packetLength, out int written) != SrtpResult.Ok || written != protectedLength)
            {
                throw new InvalidOperationException("SRTP protect failed in the load generator.");
            }
        }

        m.RtpTimestamp += 3000;
        m.SentTotal += burst;
        if (inWindow)
        {
            m.SentInWindow += burst;
        }

        m.PendingLength = burst * protectedLength;
        m.PendingSegment = protectedLength;
        Flush(m);
        return burst;
    }

    /// <summary>Sends the pending burst (GSO, or one datagram each); false when the socket is full (kept for later).</summary>
    private bool Flush(Member m)
    {
        int length = m.PendingLength;
        int segment = m.PendingSegment;
        if (_plan.SendGso && length > segment)
        {
            int sent = m.Socket.SendSegments(m.Burst.AsSpan(0, length), segment, _relayAddress);
            if (sent > 0)
            {
                m.PendingLength = 0;
                return true;
            }

            if (sent == 0)
            {
                _sendBlocked++;
                return false;
            }

            // GSO refused (no kernel support): fall through to one datagram each.
        }

        int count = length / segment;
        Span<UdpDatagram> datagrams = _sendSlab.Datagrams[..count];
        for (int k = 0; k < count; k++)
        {
            m.Burst.AsSpan(k * segment, segment).CopyTo(datagrams[k].Buffer);
            datagrams[k].Length = segment;
            datagrams[k].SetAddress(_relayAddress);
        }

        int done = 0;
        while (done < count)
        {
            int n = m.Socket.SendBatch(datagrams[done..]);
            if (n <= 0)
            {
                _sendBlocked++;
                Thread.Yield();
                continue;
            }

            done += n;
        }

        m.PendingLength = 0;
        return true;
    }

    /// <summary>Drains one participant's socket: decrypts each packet and records its latency.</summary>
    private int Receive(Member m)
    {
        int total = 0;
        Span<UdpDatagram> datagrams = _receiveSlab.Datagrams;
        while (true)
        {
            int n = m.Socket.ReceiveBatch(datagrams);
            if (n <= 0)
            {
                return total;
            }

            long now = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                ref UdpDatagram d = ref datagrams[i];
                Span<byte> data = d.Payload;
                int segment = d.SegmentSize > 0 ? d.SegmentSize : data.Length;
                for (int offset = 0; offset < data.Length; offset += segment)
                {
                    int length = Math.Min(segment, data.Length - offset);
                    OnPacket(m, data.Slice(offset, length), now);
                    total++;
                }
            }

            if (n < datagrams.Length)
            {
                return total;
            }
        }
    }

    private void OnPacket(Member m, Span<byte> packet, long now)
    {
        // RTCP (RFC 5761 §4: payload type 64..95 with the marker bit) is the relay's own reports: not forwarded media.
        if (packet.Length < HeaderLength + TagLength || (packet[1] & 0x7f) is >= 64 and <= 95)
        {
            _otherPackets++;
            return;
        }

        if (m.Receive.UnprotectRtp(packet, packet.Length, out int payloadEnd) != SrtpResult.Ok
            || !RtpHeader.TryGetLength(packet[..payloadEnd], out int headerLength)
            || payloadEnd - headerLength < 20)
        {
            _decryptFailures++;
            return;
        }

        ReadOnlySpan<byte> payload = packet[headerLength..payloadEnd];
        if (payload.Length >= VideoPayloadSize)
        {
            payload = payload[VideoPrefix..];
        }

        long sentAt = BinaryPrimitives.ReadInt64LittleEndian(payload);
        int publisher = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
        long number = BinaryPrimitives.ReadInt64LittleEndian(payload[12..]);
        if ((uint)publisher < (uint)_members.Length)
        {
            // A number not above the last one from this publisher is a duplicate or a reordered packet.
            ref long last = ref _lastNumber[(m.Plan.Index * _members.Length) + publisher];
            if (number <= last)
            {
                _outOfOrder++;
            }
            else
            {
                last = number;
            }
        }

        if (sentAt >= _windowStart && sentAt < _windowEnd)
        {
            _receivedFrom[m.Plan.Index]++;
            _latency.Record((now - sentAt) / _ticksPerMicrosecond);
        }
    }

    public void Dispose()
    {
        foreach (Member m in _members)
        {
            m.Dispose();
        }
    }

    /// <summary>One participant's socket, SRTP sessions and send state.</summary>
    private sealed class Member : IDisposable
    {
        public Member(ParticipantPlan plan, int maxStreams)
        {
            Plan = plan;
            Socket = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, plan.LocalPort), UdpSocketOptions.Gro);
            try
            {
                // Room for a few milliseconds of a busy subscriber's packets while the loop serves the others.
                Socket.SetBufferSizes(SubscriberReceiveBuffer, 0);
            }
            catch (SocketException)
            {
                // The kernel's default then; loss at the subscriber would show in every mode alike.
            }

            byte[] send = Convert.FromHexString(plan.SendKey);
            byte[] receive = Convert.FromHexString(plan.ReceiveKey);
            Send = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, send.AsSpan(0, 16), send.AsSpan(16, 12));
            Receive = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, receive.AsSpan(0, 16), receive.AsSpan(16, 12),
                new SrtpOptions { MaxStreams = maxStreams });
            Burst = GC.AllocateArray<byte>(MaxBurst * (HeaderLength + plan.PayloadSize + TagLength), pinned: true);
            Sequence = (ushort)(plan.Index * 7919);
        }

        public ParticipantPlan Plan { get; }

        public UdpBatchSocket Socket { get; }

        public SrtpSession Send { get; }

        public SrtpSession Receive { get; }

        public byte[] Burst { get; }

        public int Others { get; set; }

        public ushort Sequence { get; set; }

        public uint RtpTimestamp { get; set; }

        public long SentTotal { get; set; }

        public long SentInWindow { get; set; }

        public int PendingLength { get; set; }

        public int PendingSegment { get; set; }

        public void Dispose()
        {
            Socket.Dispose();
            Send.Dispose();
            Receive.Dispose();
        }
    }
}
