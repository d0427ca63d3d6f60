using System.Buffers.Binary;
using System.Net;
using Gateway.Routing;
using Gateway.Rtp.Rtcp;
using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Tests.Routing;

/// <summary>A participant as a real client is: its own SRTP sessions (random key out, the gateway's key in) and an address.</summary>
internal sealed class RouterTestClient : IDisposable
{
    private readonly RouterHarness _harness;
    private readonly Dictionary<uint, ushort> _nextSequence = [];

    public RouterTestClient(RouterHarness harness, string id, MediaPath path, SrtpSession send, SrtpSession receive, IReadOnlyList<TrackSpec> tracks, JoinResult join)
    {
        _harness = harness;
        Id = id;
        Path = path;
        Send = send;
        Receive = receive;
        Tracks = tracks;
        Join = join;
    }

    public string Id { get; }

    public MediaPath Path { get; set; }

    /// <summary>Protects what the client sends (its own key).</summary>
    public SrtpSession Send { get; set; }

    /// <summary>Unprotects what the gateway sends it (the gateway's key from the join).</summary>
    public SrtpSession Receive { get; }

    public IReadOnlyList<TrackSpec> Tracks { get; }

    public JoinResult Join { get; }

    public uint Ssrc => Tracks[0].Ssrc;

    public uint RtcpSsrc => Tracks.Count > 0 ? Tracks[0].Ssrc : 0xC0FFEEu;

    public static MediaPath UdpPath(int port) => new(RemoteAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, port)));

    /// <summary>An RTP packet: header (with an RFC 6464 one-byte extension when <paramref name="audioLevel"/> is set) and payload.</summary>
    public static byte[] RtpPacket(uint ssrc, ushort sequence, uint timestamp, ReadOnlySpan<byte> payload, int audioLevelId = 0, int audioLevel = -1)
    {
        bool extension = audioLevel >= 0;
        int headerLength = 12 + (extension ? 8 : 0);
        byte[] packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x80 | (extension ? 0x10 : 0));
        packet[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        if (extension)
        {
            // RFC 8285 one-byte form: 0xBEDE, length 1 word; element id/len-1, level byte, padding.
            packet[12] = 0xBE;
            packet[13] = 0xDE;
            packet[15] = 1;
            packet[16] = (byte)(audioLevelId << 4);
            packet[17] = (byte)(0x80 | audioLevel);
        }

        payload.CopyTo(packet.AsSpan(headerLength));
        return packet;
    }

    /// <summary>The RTP packet protected with the client's key, as it would go on the wire.</summary>
    public byte[] Protect(byte[] rtp)
    {
        byte[] buffer = new byte[rtp.Length + 16];
        rtp.CopyTo(buffer, 0);
        Assert.Equal(SrtpResult.Ok, Send.ProtectRtp(buffer, rtp.Length, out int length));
        return buffer.AsSpan(0, length).ToArray();
    }

    public byte[] ProtectRtcp(ReadOnlySpan<byte> rtcp)
    {
        byte[] buffer = new byte[rtcp.Length + 32];
        rtcp.CopyTo(buffer);
        Assert.Equal(SrtpResult.Ok, Send.ProtectRtcp(buffer, rtcp.Length, out int length));
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Sends one RTP packet on <paramref name="ssrc"/> with the next sequence number; returns the plaintext.</summary>
    public byte[] SendRtp(uint ssrc, ReadOnlySpan<byte> payload, int audioLevelId = 0, int audioLevel = -1, ushort? sequence = null)
    {
        ushort seq = sequence ?? (_nextSequence.TryGetValue(ssrc, out ushort next) ? next : (ushort)1000);
        _nextSequence[ssrc] = (ushort)(seq + 1);
        byte[] rtp = RtpPacket(ssrc, seq, (uint)seq * 960, payload, audioLevelId, audioLevel);
        _harness.Deliver(Protect(rtp), Path);
        return rtp;
    }

    /// <summary>Sends RTCP: an empty RR from <see cref="RtcpSsrc"/> followed by <paramref name="write"/>'s packet.</summary>
    public void SendRtcp(RtcpWriter write)
    {
        byte[] buffer = new byte[1200];
        Assert.True(ReceiverReport.TryWrite(buffer, RtcpSsrc, [], out int offset));
        Assert.True(write(buffer.AsSpan(offset), out int written));
        _harness.Deliver(ProtectRtcp(buffer.AsSpan(0, offset + written)), Path);
    }

    /// <summary>Decrypts the RTP packets the gateway sent to this client (RTCP is left in <paramref name="rtcp"/>).</summary>
    public List<byte[]> ReceiveRtp(List<byte[]>? rtcp = null)
    {
        var result = new List<byte[]>();
        foreach (byte[] packet in _harness.Sink.TakeFor(Path))
        {
            if (packet[1] is >= 192 and <= 223)
            {
                rtcp?.Add(packet);
                continue;
            }

            Assert.Equal(SrtpResult.Ok, Receive.UnprotectRtp(packet, packet.Length, out int end));
            result.Add(packet.AsSpan(0, end).ToArray());
        }

        return result;
    }

    /// <summary>Decrypts the RTCP packets the gateway sent to this client (RTP is dropped).</summary>
    public List<byte[]> ReceiveRtcp()
    {
        var result = new List<byte[]>();
        foreach (byte[] packet in _harness.Sink.TakeFor(Path))
        {
            if (packet[1] is >= 192 and <= 223)
            {
                Assert.Equal(SrtpResult.Ok, Receive.UnprotectRtcp(packet, packet.Length, out int end));
                result.Add(packet.AsSpan(0, end).ToArray());
            }
        }

        return result;
    }

    public void Dispose()
    {
        Send.Dispose();
        Receive.Dispose();
    }

    public delegate bool RtcpWriter(Span<byte> destination, out int written);
}
