using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gateway.Crypto.Native;
using Gateway.Crypto.Native.Net;
using Gateway.Routing;
using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Benchmarks.Routing;

/// <summary>
/// The router's whole per-packet work for one publisher's video burst (16 packets of 1,100 B) fanned out to
/// <see cref="Subscribers"/> subscribers — find the sender, SRTP-GCM unprotect, per subscriber: view, copy,
/// re-protect with its key, queue by destination — then one flush of the worker's send queue to a transport that
/// takes every datagram without a system call. Its peer in the same run, <see cref="CryptoOnly"/>, does only the
/// AES-GCM work the C ceiling relay does for the same packets (one open, and per subscriber a copy and a seal in
/// place, through the same native AES). The ratio is what routing costs on top of the cryptography: the part of
/// the relay benchmark's gap to the ceiling that lies in managed code, measured without sockets or scheduling.
/// </summary>
/// <remarks>
/// Both methods first protect each packet as the publisher would (the same <see cref="SrtpSession"/> call), since
/// the router refuses a replayed index and a ring of pre-protected packets would run out; that cost is in both.
/// Per operation: one received packet (to every subscriber).
/// </remarks>
[MemoryDiagnoser]
public class RouterForwardBenchmarks
{
    private const int Burst = 16;
    private const int PayloadSize = 1_100;
    private const int HeaderLength = 12;
    private const int TagLength = 16;
    private const uint PublisherSsrc = 0x5EED_0001;

    private MediaRouter _router = null!;
    private IMediaHandler _handler = null!;
    private MediaCounters _counters = null!;
    private MediaSendQueue _queue = null!;
    private DiscardTransport _transport = null!;
    private SrtpSession _publisher = null!;
    private MediaPath _publisherPath;
    private byte[] _packet = null!;
    private ushort _sequence;
    private uint _timestamp;
    private long _now;

    // The peer: the publisher's session (same as above) and the bare AES-GCM contexts and salts.
    private SrtpSession _peerPublisher = null!;
    private AesContext _peerInbound = null!;
    private byte[] _peerInboundSalt = null!;
    private AesContext[] _peerOutbound = null!;
    private byte[][] _peerOutboundSalt = null!;
    private byte[] _peerSlots = null!;
    private uint _peerRoc;

    [Params(10)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _router = new MediaRouter(new RoutingOptions());
        _counters = new MediaCounters();
        _handler = _router.CreateHandler(0, _counters);
        _transport = new DiscardTransport();
        _queue = new MediaSendQueue(_transport, gso: true, _counters, capacity: 256, slotSize: MediaTransportHost.SlotSize);
        if (_router.CreateMeeting(new MeetingOptions { Id = "bench", E2ee = E2eePolicy.Optional, MaxPacketsPerSecondPerParticipant = 1_000_000 }, out _) != CreateMeetingStatus.Created)
        {
            throw new InvalidOperationException("The benchmark meeting was not created.");
        }

        byte[] publisherKey = RandomNumberGenerator.GetBytes(28);
        _publisherPath = PathOf(30_000);
        Join("publisher", publisherKey, _publisherPath, [new TrackSpec { Kind = MediaKind.Video, Ssrc = PublisherSsrc, Mid = "1" }]);
        _publisher = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, publisherKey.AsSpan(0, 16), publisherKey.AsSpan(16));
        _peerPublisher = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, publisherKey.AsSpan(0, 16), publisherKey.AsSpan(16));
        for (int i = 0; i < Subscribers; i++)
        {
            Join($"subscriber-{i}", RandomNumberGenerator.GetBytes(28), PathOf(30_001 + i), []);
        }

        _packet = new byte[MediaTransportHost.SlotSize];
        _now = Stopwatch.GetTimestamp();
        SetUpPeer(publisherKey);

        // Every subscriber starts at a key frame; afterwards every packet reaches all of them.
        ForwardBurst();
        if (_counters.Forwarded != (long)Burst * Subscribers)
        {
            throw new InvalidOperationException($"Set-up forwarded {_counters.Forwarded} packets, not {Burst * Subscribers}: drops {DropSummary()}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // A dropped packet is work not done, which would look fast: a run that dropped any is refused.
        if (_counters.Forwarded != _transport.Datagrams || DropSummary().Length > 0)
        {
            throw new InvalidOperationException($"The router dropped packets during the run ({DropSummary()}); its numbers are void.");
        }

        _router.Dispose();
        _publisher.Dispose();
        _peerPublisher.Dispose();
        _peerInbound.Dispose();
        foreach (AesContext context in _peerOutbound)
        {
            context.Dispose();
        }
    }

    /// <summary>The router: a burst in through the handler, then the send queue's flush.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public void Router() => ForwardBurst();

    /// <summary>The same packets, with only the cryptography the C relay does (and the publisher's protect).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    public void CryptoOnly()
    {
        for (int k = 0; k < Burst; k++)
        {
            int length = WritePacket(k);
            if (_peerPublisher.ProtectRtp(_packet, length, out int protectedLength) != SrtpResult.Ok)
            {
                throw new InvalidOperationException("The publisher could not protect a packet.");
            }

            PeerRelay(protectedLength);
        }
    }

    private void ForwardBurst()
    {
        for (int k = 0; k < Burst; k++)
        {
            int length = WritePacket(k);
            if (_publisher.ProtectRtp(_packet, length, out int protectedLength) != SrtpResult.Ok)
            {
                throw new InvalidOperationException("The publisher could not protect a packet.");
            }

            _now += Stopwatch.Frequency / 5_000;
            _handler.OnPacket(_packet.AsSpan(0, protectedLength), _publisherPath, _now, _queue);
        }

        _queue.Flush();
    }

    /// <summary>The next packet of the burst: a VP8 frame per burst, each a key frame (gating passes at once).</summary>
    private int WritePacket(int k)
    {
        Span<byte> packet = _packet;
        packet[0] = 0x80;
        packet[1] = (byte)(96 | (k == Burst - 1 ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], _timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], PublisherSsrc);
        packet[HeaderLength] = k == 0 ? (byte)0x10 : (byte)0x00;
        packet[HeaderLength + 1] = k == 0 ? (byte)0x00 : (byte)0x01;
        if (k == Burst - 1)
        {
            _timestamp += 3_000;
        }

        return HeaderLength + PayloadSize;
    }

    private unsafe void PeerRelay(int protectedLength)
    {
        int payloadLength = protectedLength - HeaderLength - TagLength;
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(_packet.AsSpan(2));
        uint roc = _peerRoc;
        if (sequence == ushort.MaxValue)
        {
            _peerRoc++;
        }

        Span<byte> nonce = stackalloc byte[12];
        fixed (byte* packet = _packet)
        fixed (byte* slots = _peerSlots)
        {
            MakeNonce(nonce, _peerInboundSalt, PublisherSsrc, roc, sequence);
            fixed (byte* iv = nonce)
            {
                if (!_peerInbound.TryOpenGcm(iv, packet, HeaderLength, packet + HeaderLength, packet + HeaderLength, payloadLength, packet + HeaderLength + payloadLength))
                {
                    // The peer's keys are the publisher's; a refusal means the peer is measuring the wrong thing.
                    throw new InvalidOperationException("The peer could not open the publisher's packet.");
                }

                for (int s = 0; s < _peerOutbound.Length; s++)
                {
                    byte* slot = slots + (s * MediaTransportHost.SlotSize);
                    Buffer.MemoryCopy(packet, slot, MediaTransportHost.SlotSize, HeaderLength + payloadLength);
                    MakeNonce(nonce, _peerOutboundSalt[s], PublisherSsrc, roc, sequence);
                    _peerOutbound[s].SealGcm(iv, slot, HeaderLength, slot + HeaderLength, slot + HeaderLength, payloadLength, slot + HeaderLength + payloadLength);
                }
            }
        }
    }

    /// <summary>RFC 7714 §8.1: the 12-byte IV is the session salt XOR (00 00 · SSRC · ROC · SEQ).</summary>
    private static void MakeNonce(Span<byte> nonce, byte[] salt, uint ssrc, uint roc, ushort sequence)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], roc);
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], sequence);
        for (int i = 0; i < 12; i++)
        {
            nonce[i] ^= salt[i];
        }
    }

    private void SetUpPeer(byte[] publisherKey)
    {
        (_peerInbound, _peerInboundSalt) = SessionKey(publisherKey);
        _peerOutbound = new AesContext[Subscribers];
        _peerOutboundSalt = new byte[Subscribers][];
        for (int s = 0; s < Subscribers; s++)
        {
            (_peerOutbound[s], _peerOutboundSalt[s]) = SessionKey(RandomNumberGenerator.GetBytes(28));
        }

        _peerSlots = GC.AllocateArray<byte>(Subscribers * MediaTransportHost.SlotSize, pinned: true);
    }

    /// <summary>The RTP session key (as an AES context) and salt of an AEAD_AES_128_GCM master key and salt (RFC 3711 §4.3).</summary>
    private static (AesContext Key, byte[] Salt) SessionKey(byte[] masterKeyAndSalt)
    {
        using AesContext master = AesContext.Create(masterKeyAndSalt.AsSpan(0, 16));
        byte[] storage = new byte[SrtpKeyDerivation.StorageLength(SrtpProfile.AeadAes128Gcm)];
        SrtpSessionKeys keys = SrtpKeyDerivation.Derive(SrtpProfile.AeadAes128Gcm, master, masterKeyAndSalt.AsSpan(16), storage);
        return (AesContext.Create(keys.RtpKey), keys.RtpSalt.ToArray());
    }

    private void Join(string identity, byte[] key, MediaPath path, IReadOnlyList<TrackSpec> tracks)
    {
        var spec = new ParticipantSpec
        {
            Identity = identity,
            OfferedPath = path,
            Profile = SrtpProfile.AeadAes128Gcm,
            InboundKeyAndSalt = key,
            Tracks = tracks,
            E2ee = true,
        };

        JoinResult result = _router.JoinAsync("bench", spec, CancellationToken.None).GetAwaiter().GetResult();
        if (result.Status != JoinStatus.Joined)
        {
            throw new InvalidOperationException($"{identity} could not join: {result.Status}.");
        }
    }

    private string DropSummary()
    {
        var drops = new List<string>();
        foreach (MediaDropReason reason in Enum.GetValues<MediaDropReason>())
        {
            long count = _counters.Drops(reason);
            if (count > 0)
            {
                drops.Add($"{reason} {count}");
            }
        }

        return string.Join(", ", drops);
    }

    private static MediaPath PathOf(int port) => new(RemoteAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, port)));

    /// <summary>A socket that takes every datagram at once, without a system call: the flush's managed work alone.</summary>
    private sealed class DiscardTransport : IUdpBatchTransport
    {
        public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 10_000);

        public bool GroEnabled => false;

        public long Datagrams { get; private set; }

        public int ReceiveBatch(Span<UdpDatagram> datagrams) => 0;

        public int SendBatch(ReadOnlySpan<UdpDatagram> datagrams)
        {
            Datagrams += datagrams.Length;
            return datagrams.Length;
        }

        public void Dispose()
        {
        }
    }
}
