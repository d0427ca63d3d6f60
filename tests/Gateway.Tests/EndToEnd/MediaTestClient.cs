using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gateway.Auth;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// A plain SDES client over a real UDP socket on 127.0.0.1: joins through the HTTP API with an SDP offer,
/// protects what it sends with its own key and unprotects what the gateway sends with the answer's key.
/// </summary>
internal sealed class MediaTestClient : IAsyncDisposable
{
    public const int PayloadType = 111;
    public const int AudioLevelId = 1;

    private readonly RunningNode _node;
    private readonly byte[] _sendBuffer = new byte[1500];
    private readonly byte[] _receiveBuffer = new byte[2048];
    private SrtpSession? _outbound;
    private SrtpSession? _inbound;
    private ushort _sequence;
    private uint _timestamp;

    private MediaTestClient(RunningNode node, string room, string identity, uint? ssrc, SrtpProfile profile)
    {
        _node = node;
        Room = room;
        Identity = identity;
        Ssrc = ssrc;
        Profile = profile;
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _sequence = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        _timestamp = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    public string Room { get; }

    public string Identity { get; }

    public uint? Ssrc { get; }

    public SrtpProfile Profile { get; }

    public Socket Socket { get; }

    public string Token { get; private set; } = "";

    public string ParticipantId { get; private set; } = "";

    public string ParticipantPath { get; private set; } = "";

    public IPEndPoint Gateway { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The client's own master key||salt (what it protects with).</summary>
    public byte[] KeyAndSalt { get; private set; } = [];

    /// <summary>Joins <paramref name="room"/>; publishes one audio track with <paramref name="ssrc"/> (null: receive only).</summary>
    public static async Task<MediaTestClient> JoinAsync(RunningNode node, string room, string identity, uint? ssrc,
        SrtpProfile profile = SrtpProfile.AeadAes128Gcm, bool e2ee = false)
    {
        var client = new MediaTestClient(node, room, identity, ssrc, profile);
        await client.JoinCoreAsync(e2ee);
        return client;
    }

    public static string MintToken(RunningNode node, string room, string identity, AccessTokenGrants grants, TimeSpan? lifetime = null) =>
        node.Service<AccessTokenIssuer>().Issue(identity, room, grants, lifetime ?? TimeSpan.FromHours(1));

    public static async Task CreateRoomAsync(RunningNode node, string room, string e2ee = "optional", int? maxPacketsPerSecond = null)
    {
        string admin = MintToken(node, "*", "ops", AccessTokenGrants.Admin);
        string limits = maxPacketsPerSecond is int pps ? $",\"maxPacketsPerSecond\":{pps}" : "";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rooms")
        {
            Content = new StringContent($"{{\"id\":\"{room}\",\"e2ee\":\"{e2ee}\"{limits}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await node.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public Task<MeetingEventStream> OpenEventsAsync() =>
        MeetingEventStream.OpenAsync(_node.Http, ParticipantPath + "/events", Token);

    /// <summary>Sends one SRTP packet with <paramref name="payload"/>; returns the sequence number used.</summary>
    public ushort SendRtp(ReadOnlySpan<byte> payload, byte audioLevel = 127)
    {
        ushort sequence = _sequence++;
        _timestamp += 960;
        int length = WriteRtp(_sendBuffer, sequence, _timestamp, payload, audioLevel);
        Assert.Equal(SrtpResult.Ok, Outbound.ProtectRtp(_sendBuffer, length, out int protectedLength));
        Socket.SendTo(_sendBuffer.AsSpan(0, protectedLength), SocketFlags.None, Gateway);
        return sequence;
    }

    /// <summary>Writes a plain RTP packet of this client (for tests that protect it themselves).</summary>
    public int WriteRtp(Span<byte> destination, ushort sequence, uint timestamp, ReadOnlySpan<byte> payload, byte audioLevel = 127)
    {
        var writer = new RtpPacketWriter(destination);
        Assert.True(writer.TryWriteHeader(PayloadType, false, sequence, timestamp, Ssrc ?? throw new InvalidOperationException("receive-only")));
        Assert.True(writer.TryAddAudioLevel(AudioLevelId, new AudioLevel(voiceActivity: audioLevel < 127, level: audioLevel)));
        Assert.True(writer.TryWritePayload(payload));
        Assert.True(writer.TryFinish(0, out int length));
        return length;
    }

    /// <summary>Sends raw bytes to the gateway's media port.</summary>
    public void SendRaw(ReadOnlySpan<byte> datagram) => Socket.SendTo(datagram, SocketFlags.None, Gateway);

    /// <summary>
    /// Receives and unprotects RTP until <paramref name="expected"/> packets arrived or <paramref name="timeout"/> passed;
    /// RTCP is skipped. Returns (ssrc, sequence, payload) of each.
    /// </summary>
    public List<ReceivedRtp> ReceiveRtp(int expected, TimeSpan timeout)
    {
        var received = new List<ReceivedRtp>();
        var deadline = DateTime.UtcNow + timeout;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            if (!Socket.Poll(TimeSpan.FromMilliseconds(20), SelectMode.SelectRead))
            {
                continue;
            }

            int length = Socket.Receive(_receiveBuffer);
            if (length < 2 || (_receiveBuffer[1] >= 192 && _receiveBuffer[1] <= 223))
            {
                continue;
            }

            Assert.Equal(SrtpResult.Ok, Inbound.UnprotectRtp(_receiveBuffer, length, out int end));
            Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(_receiveBuffer.AsSpan(0, end), out var packet));
            received.Add(new ReceivedRtp(packet.Ssrc, packet.SequenceNumber, packet.Payload.ToArray()));
        }

        return received;
    }

    /// <summary>Counts datagrams arriving within <paramref name="window"/> (nothing decrypted).</summary>
    public int Drain(TimeSpan window)
    {
        int count = 0;
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            if (Socket.Poll(TimeSpan.FromMilliseconds(20), SelectMode.SelectRead))
            {
                Socket.Receive(_receiveBuffer);
                count++;
            }
        }

        return count;
    }

    public async Task LeaveAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, ParticipantPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _node.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        _outbound?.Dispose();
        _inbound?.Dispose();
        return ValueTask.CompletedTask;
    }

    private SrtpSession Outbound => _outbound ?? throw new InvalidOperationException("not joined");

    private SrtpSession Inbound => _inbound ?? throw new InvalidOperationException("not joined");

    private async Task JoinCoreAsync(bool e2ee)
    {
        int keyLength = Profile.MasterKeyLength();
        KeyAndSalt = RandomNumberGenerator.GetBytes(keyLength + Profile.MasterSaltLength());
        _outbound = SrtpSession.Create(Profile, KeyAndSalt.AsSpan(0, keyLength), KeyAndSalt.AsSpan(keyLength));
        Token = MintToken(_node, Room, Identity, AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);

        int port = ((IPEndPoint)Socket.LocalEndPoint!).Port;
        string offer = SdpOfferText.Audio(port, Profile, KeyAndSalt, Ssrc, e2ee, AudioLevelId);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/rooms/{Room}/participants")
        {
            Content = new StringContent(offer, Encoding.UTF8, "application/sdp"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _node.Http.SendAsync(request, TestContext.Current.CancellationToken);
        string answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"join answered {(int)response.StatusCode}: {answer}");
        ParticipantPath = response.Headers.Location!.OriginalString;
        ParticipantId = ParticipantPath[(ParticipantPath.LastIndexOf('/') + 1)..];

        Gateway = new IPEndPoint(IPAddress.Parse(SdpOfferText.AnswerAddress(answer)), SdpOfferText.AnswerPort(answer));
        var (suite, gatewayKey) = SdpOfferText.AnswerCrypto(answer);
        Assert.Equal(Profile.SdesName(), suite);
        _inbound = SrtpSession.Create(Profile, gatewayKey.AsSpan(0, keyLength), gatewayKey.AsSpan(keyLength));
    }
}

/// <summary>One RTP packet a client received and decrypted.</summary>
internal sealed record ReceivedRtp(uint Ssrc, ushort Sequence, byte[] Payload);

/// <summary>Big-endian stamps the tests put into payloads.</summary>
internal static class PayloadStamp
{
    public static byte[] Make(int sender, int index, int length = 160)
    {
        var payload = new byte[length];
        RandomNumberGenerator.Fill(payload);
        BinaryPrimitives.WriteInt32BigEndian(payload, sender);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), index);
        return payload;
    }
}
