using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gateway.Auth;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Rtcp;
using Gateway.Rtp.Srtp;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// An SDES client over a real socket on 127.0.0.1 — UDP, or RFC 4571 framing over TCP — that, unlike
/// <see cref="MediaTestClient"/>, lets a test reach its SRTP sessions (for SRTCP both ways), the raw datagrams it
/// receives (to compare retransmissions byte for byte) and the answer's ICE credentials (for STUN checks).
/// </summary>
internal sealed class SrtpEndToEndClient : IAsyncDisposable
{
    public const int PayloadType = 111;
    public const int AudioLevelId = 1;
    private const int FrameHeader = 2;

    private readonly RunningNode _node;
    private readonly byte[] _sendBuffer = new byte[1500];
    private readonly byte[] _receiveBuffer = new byte[2048];
    private readonly byte[] _tcpBuffer = new byte[256 * 1024];
    private int _tcpCount;
    private SrtpSession? _outbound;
    private SrtpSession? _inbound;
    private ushort _sequence;
    private uint _timestamp;

    private SrtpEndToEndClient(RunningNode node, string room, string identity, uint? ssrc, bool tcp)
    {
        _node = node;
        Room = room;
        Identity = identity;
        Ssrc = ssrc;
        IsTcp = tcp;
        RtcpSsrc = ssrc ?? (uint)RandomNumberGenerator.GetInt32(0x1000, int.MaxValue);
        Socket = tcp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _sequence = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        _timestamp = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    public string Room { get; }

    public string Identity { get; }

    public uint? Ssrc { get; }

    /// <summary>The sender SSRC of this client's RTCP: its media SSRC, or a random one when it only receives.</summary>
    public uint RtcpSsrc { get; }

    public bool IsTcp { get; }

    /// <summary>The UDP socket, or the TCP socket (connected to the answer's port once joined).</summary>
    public Socket Socket { get; }

    public string Token { get; private set; } = "";

    public string ParticipantId { get; private set; } = "";

    /// <summary>The answer's c= address and m= port.</summary>
    public IPEndPoint Gateway { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>This client's ICE ufrag, as offered.</summary>
    public string ClientUfrag { get; } = "cl" + RandomNumberGenerator.GetHexString(6, lowercase: true);

    /// <summary>The answer's a=ice-ufrag.</summary>
    public string GatewayUfrag { get; private set; } = "";

    /// <summary>The answer's a=ice-pwd.</summary>
    public string GatewayPassword { get; private set; } = "";

    /// <summary>The sequence number of the next RTP packet <see cref="SendRtp"/> sends (random at first).</summary>
    public ushort NextSequence
    {
        get => _sequence;
        set => _sequence = value;
    }

    /// <summary>What this client protects with (its own key).</summary>
    public SrtpSession Outbound => _outbound ?? throw new InvalidOperationException("not joined");

    /// <summary>What this client unprotects the gateway's packets with (the answer's key).</summary>
    public SrtpSession Inbound => _inbound ?? throw new InvalidOperationException("not joined");

    /// <summary>
    /// Joins <paramref name="room"/> with one audio m-line (RTP/SAVPF over UDP, or TCP/RTP/SAVPF with no UDP path
    /// offered), publishing <paramref name="ssrc"/> (null: receive only); a TCP client then connects to the answer's port.
    /// </summary>
    public static async Task<SrtpEndToEndClient> JoinAsync(RunningNode node, string room, string identity, uint? ssrc, bool tcp = false)
    {
        var client = new SrtpEndToEndClient(node, room, identity, ssrc, tcp);
        await client.JoinCoreAsync();
        return client;
    }

    /// <summary>Protects one RTP packet with <paramref name="payload"/> and sends it; returns its sequence number.</summary>
    public ushort SendRtp(ReadOnlySpan<byte> payload, byte audioLevel = 127)
    {
        ushort sequence = _sequence++;
        _timestamp += 960;
        SendRtpAs(Ssrc ?? throw new InvalidOperationException("receive-only"), sequence, _timestamp, payload, audioLevel);
        return sequence;
    }

    /// <summary>Protects (with this client's key) and sends one RTP packet with any SSRC and header values — a restarted sender.</summary>
    public void SendRtpAs(uint ssrc, ushort sequence, uint timestamp, ReadOnlySpan<byte> payload, byte audioLevel = 127)
    {
        var writer = new RtpPacketWriter(_sendBuffer);
        Assert.True(writer.TryWriteHeader(PayloadType, false, sequence, timestamp, ssrc));
        Assert.True(writer.TryAddAudioLevel(AudioLevelId, new AudioLevel(voiceActivity: audioLevel < 127, level: audioLevel)));
        Assert.True(writer.TryWritePayload(payload));
        Assert.True(writer.TryFinish(0, out int length));
        Assert.Equal(SrtpResult.Ok, Outbound.ProtectRtp(_sendBuffer, length, out int protectedLength));
        Send(_sendBuffer.AsSpan(0, protectedLength));
    }

    /// <summary>Sends a compound SRTCP packet: an empty RR from <see cref="RtcpSsrc"/>, then <paramref name="feedback"/>.</summary>
    public void SendRtcp(ReadOnlySpan<byte> feedback)
    {
        byte[] buffer = new byte[1500];
        Assert.True(ReceiverReport.TryWrite(buffer, RtcpSsrc, [], out int offset));
        feedback.CopyTo(buffer.AsSpan(offset));
        Assert.Equal(SrtpResult.Ok, Outbound.ProtectRtcp(buffer, offset + feedback.Length, out int protectedLength));
        Send(buffer.AsSpan(0, protectedLength));
    }

    /// <summary>Sends one packet to the gateway as it is: a datagram, or one RFC 4571 frame.</summary>
    public void Send(ReadOnlySpan<byte> packet)
    {
        if (!IsTcp)
        {
            Socket.SendTo(packet, SocketFlags.None, Gateway);
            return;
        }

        byte[] frame = new byte[FrameHeader + packet.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)packet.Length);
        packet.CopyTo(frame.AsSpan(FrameHeader));
        int sent = 0;
        while (sent < frame.Length)
        {
            sent += Socket.Send(frame.AsSpan(sent));
        }
    }

    /// <summary>The next packet the gateway sent (a datagram, or one frame's content), or null after <paramref name="timeout"/>.</summary>
    public byte[]? ReceivePacket(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (IsTcp && TryTakeFrame(out byte[]? frame))
            {
                return frame;
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            if (!Socket.Poll(left < TimeSpan.FromMilliseconds(20) ? left : TimeSpan.FromMilliseconds(20), SelectMode.SelectRead))
            {
                continue;
            }

            if (!IsTcp)
            {
                int length = Socket.Receive(_receiveBuffer);
                return _receiveBuffer.AsSpan(0, length).ToArray();
            }

            int read = Socket.Receive(_tcpBuffer.AsSpan(_tcpCount));
            Assert.True(read > 0, "the gateway closed the TCP connection");
            _tcpCount += read;
        }
    }

    /// <summary>
    /// Receives until <paramref name="expected"/> RTP packets arrived or <paramref name="timeout"/> passed, unprotecting
    /// each with <see cref="Inbound"/>; RTCP is kept in <paramref name="rtcp"/> when given (still protected), else skipped.
    /// </summary>
    public List<ReceivedRtp> ReceiveRtp(int expected, TimeSpan timeout, List<byte[]>? rtcp = null)
    {
        var received = new List<ReceivedRtp>();
        var deadline = DateTime.UtcNow + timeout;
        while (received.Count < expected)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || ReceivePacket(left) is not byte[] packet)
            {
                break;
            }

            if (IsRtcp(packet))
            {
                rtcp?.Add(packet);
                continue;
            }

            received.Add(Unprotect(packet));
        }

        return received;
    }

    /// <summary>Unprotects one SRTP packet from the gateway with <see cref="Inbound"/> (asserting it authenticates).</summary>
    public ReceivedRtp Unprotect(byte[] datagram)
    {
        byte[] copy = (byte[])datagram.Clone();
        Assert.Equal(SrtpResult.Ok, Inbound.UnprotectRtp(copy, copy.Length, out int end));
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(copy.AsSpan(0, end), out var packet));
        return new ReceivedRtp(packet.Ssrc, packet.SequenceNumber, packet.Payload.ToArray());
    }

    /// <summary>Unprotects one SRTCP compound packet from the gateway with <see cref="Inbound"/>; returns the plain compound.</summary>
    public byte[] UnprotectRtcp(byte[] datagram)
    {
        byte[] copy = (byte[])datagram.Clone();
        Assert.Equal(SrtpResult.Ok, Inbound.UnprotectRtcp(copy, copy.Length, out int end));
        return copy.AsSpan(0, end).ToArray();
    }

    /// <summary>RTCP by the RFC 5761 rule: payload type 192–223 in the second byte.</summary>
    public static bool IsRtcp(byte[] packet) => packet.Length >= 2 && packet[1] is >= 192 and <= 223;

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        _outbound?.Dispose();
        _inbound?.Dispose();
        return ValueTask.CompletedTask;
    }

    private bool TryTakeFrame(out byte[]? frame)
    {
        frame = null;
        if (_tcpCount < FrameHeader)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(_tcpBuffer);
        if (_tcpCount < FrameHeader + length)
        {
            return false;
        }

        frame = _tcpBuffer.AsSpan(FrameHeader, length).ToArray();
        _tcpBuffer.AsSpan(FrameHeader + length, _tcpCount - FrameHeader - length).CopyTo(_tcpBuffer);
        _tcpCount -= FrameHeader + length;
        return true;
    }

    private async Task JoinCoreAsync()
    {
        const SrtpProfile Profile = SrtpProfile.AeadAes128Gcm;
        int keyLength = Profile.MasterKeyLength();
        byte[] keyAndSalt = RandomNumberGenerator.GetBytes(keyLength + Profile.MasterSaltLength());
        _outbound = SrtpSession.Create(Profile, keyAndSalt.AsSpan(0, keyLength), keyAndSalt.AsSpan(keyLength));
        Token = MediaTestClient.MintToken(_node, Room, Identity, AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);

        // A TCP client offers the discard port 9 (RFC 4145 §4): its path is the connection it opens, not an address.
        int port = IsTcp ? 9 : ((IPEndPoint)Socket.LocalEndPoint!).Port;
        string offer = SdpOfferText.Audio(port, Profile, keyAndSalt, Ssrc, audioLevelId: AudioLevelId, proto: IsTcp ? "TCP/RTP/SAVPF" : "RTP/SAVPF");
        offer = offer.Replace("a=rtcp-mux\r\n", $"a=rtcp-mux\r\na=ice-ufrag:{ClientUfrag}\r\na=ice-pwd:{RandomNumberGenerator.GetHexString(24)}\r\n"
            + (IsTcp ? "a=setup:active\r\na=connection:new\r\n" : ""), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/rooms/{Room}/participants")
        {
            Content = new StringContent(offer, Encoding.UTF8, "application/sdp"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _node.Http.SendAsync(request, TestContext.Current.CancellationToken);
        string answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"join answered {(int)response.StatusCode}: {answer}");
        string path = response.Headers.Location!.OriginalString;
        ParticipantId = path[(path.LastIndexOf('/') + 1)..];

        Gateway = new IPEndPoint(IPAddress.Parse(SdpOfferText.AnswerAddress(answer)), SdpOfferText.AnswerPort(answer));
        var (suite, gatewayKey) = SdpOfferText.AnswerCrypto(answer);
        Assert.Equal(Profile.SdesName(), suite);
        _inbound = SrtpSession.Create(Profile, gatewayKey.AsSpan(0, keyLength), gatewayKey.AsSpan(keyLength));
        GatewayUfrag = AnswerAttribute(answer, "ice-ufrag");
        GatewayPassword = AnswerAttribute(answer, "ice-pwd");

        if (IsTcp)
        {
            Assert.Contains("m=audio " + Gateway.Port.ToString(CultureInfo.InvariantCulture) + " TCP/RTP/SAVPF", answer, StringComparison.Ordinal);
            Assert.Contains("a=setup:passive", answer, StringComparison.Ordinal);
            await Socket.ConnectAsync(Gateway, TestContext.Current.CancellationToken);
        }
    }

    private static string AnswerAttribute(string answer, string name)
    {
        string prefix = "a=" + name + ":";
        foreach (string line in answer.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal))
            {
                return trimmed[prefix.Length..];
            }
        }

        throw new InvalidOperationException($"the answer has no a={name} line:\n{answer}");
    }
}
