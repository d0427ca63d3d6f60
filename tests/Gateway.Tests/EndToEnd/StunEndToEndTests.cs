using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Stun;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// ICE-lite over real sockets: a client whose NAT gave it a new public port (here: a new socket) sends a Binding
/// request with the answer's credentials; the gateway answers with the address it saw and moves the client's
/// media there — and ignores a request with the wrong password.
/// </summary>
public sealed class StunEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Transports => RelayEndToEndTests.Transports;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_binding_request_from_a_new_address_is_answered_with_that_address_and_media_follows_it(string transport)
    {
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "ice");
        await using var carol = await SrtpEndToEndClient.JoinAsync(node, "ice", "carol", 0xCA201);
        await using var bob = await SrtpEndToEndClient.JoinAsync(node, "ice", "bob", 0xB0B02);

        // Before: media reaches the address carol offered.
        bob.SendRtp(PayloadStamp.Make(2, 0));
        Assert.Single(carol.ReceiveRtp(1, Patience));

        using var moved = NewSocket();
        var local = (IPEndPoint)moved.LocalEndPoint!;
        byte[] transaction = RandomNumberGenerator.GetBytes(StunMessage.TransactionIdLength);
        moved.SendTo(BindingRequest(carol, carol.GatewayPassword, transaction), carol.Gateway);

        byte[] response = Receive(moved, Patience) ?? throw new Xunit.Sdk.XunitException("no STUN response");
        Assert.True(StunMessage.TryParse(response, out StunMessage message));
        Assert.Equal(StunMessageType.BindingSuccess, message.Type);
        Assert.Equal(transaction, message.TransactionId.ToArray());
        using (var integrity = StunIntegrity.FromShortTermPassword(Encoding.ASCII.GetBytes(carol.GatewayPassword)))
        {
            Assert.Equal(StunCheckResult.Valid, message.VerifyMessageIntegrity(integrity));
        }

        Assert.Equal(StunCheckResult.Valid, message.VerifyFingerprint());
        Assert.True(message.TryGetXorMappedAddress(out StunAddress mapped));
        Assert.Equal(local, mapped.ToIPEndPoint());

        // After: media to carol goes to the new address, none to the old one.
        var sent = new List<byte[]>();
        for (int i = 1; i <= 5; i++)
        {
            byte[] payload = PayloadStamp.Make(2, i);
            sent.Add(payload);
            bob.SendRtp(payload);
        }

        var atNew = new List<byte[]>();
        while (atNew.Count < sent.Count && Receive(moved, Patience) is byte[] datagram)
        {
            if (!SrtpEndToEndClient.IsRtcp(datagram))
            {
                atNew.Add(carol.Unprotect(datagram).Payload);
            }
        }

        Assert.Equal(sent, atNew);
        Assert.Empty(carol.ReceiveRtp(1, TimeSpan.FromMilliseconds(300)));

        // And what carol sends from there reaches bob.
        byte[] reply = PayloadStamp.Make(3, 1);
        byte[] buffer = new byte[1500];
        var writer = new RtpPacketWriter(buffer);
        Assert.True(writer.TryWriteHeader(SrtpEndToEndClient.PayloadType, false, 4242, 96_000, 0xCA201));
        Assert.True(writer.TryWritePayload(reply));
        Assert.True(writer.TryFinish(0, out int length));
        Assert.Equal(SrtpResult.Ok, carol.Outbound.ProtectRtp(buffer, length, out int protectedLength));
        moved.SendTo(buffer.AsSpan(0, protectedLength), SocketFlags.None, carol.Gateway);
        Assert.Equal(reply, Assert.Single(bob.ReceiveRtp(1, Patience)).Payload);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_binding_request_with_the_wrong_password_gets_no_answer_and_moves_nothing(string transport)
    {
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "ice-bad");
        await using var carol = await SrtpEndToEndClient.JoinAsync(node, "ice-bad", "carol", 0xCA203);
        await using var bob = await SrtpEndToEndClient.JoinAsync(node, "ice-bad", "bob", 0xB0B04);

        using var stranger = NewSocket();
        string wrong = new([.. carol.GatewayPassword.Reverse()]);
        Assert.NotEqual(carol.GatewayPassword, wrong);
        stranger.SendTo(BindingRequest(carol, wrong, RandomNumberGenerator.GetBytes(StunMessage.TransactionIdLength)), carol.Gateway);
        Assert.Null(Receive(stranger, TimeSpan.FromMilliseconds(300)));
        Assert.True(await NodeMetrics.WaitForDropsAsync(node.Http, "auth_failed", 1) >= 1);

        byte[] payload = PayloadStamp.Make(2, 1);
        bob.SendRtp(payload);
        Assert.Equal(payload, Assert.Single(carol.ReceiveRtp(1, Patience)).Payload);
        Assert.Null(Receive(stranger, TimeSpan.FromMilliseconds(200)));
    }

    /// <summary>A Binding request as a full ICE agent (the controlling side) sends it to an ICE-lite peer (RFC 8445 §7.1.2).</summary>
    private static byte[] BindingRequest(SrtpEndToEndClient client, string password, byte[] transaction)
    {
        byte[] buffer = new byte[512];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, transaction);
        Assert.True(writer.TryAddUsername(Encoding.ASCII.GetBytes(client.GatewayUfrag + ":" + client.ClientUfrag)));
        Assert.True(writer.TryAddPriority(0x6E7F1EFF));
        Assert.True(writer.TryAddIceControlling(0x0123_4567_89AB_CDEF));
        Assert.True(writer.TryAddUseCandidate());
        using (var integrity = StunIntegrity.FromShortTermPassword(Encoding.ASCII.GetBytes(password)))
        {
            Assert.True(writer.TryAddMessageIntegrity(integrity));
        }

        Assert.True(writer.TryAddFingerprint());
        return writer.Written.ToArray();
    }

    private static Socket NewSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static byte[]? Receive(Socket socket, TimeSpan timeout)
    {
        if (!socket.Poll(timeout, SelectMode.SelectRead))
        {
            return null;
        }

        byte[] buffer = new byte[2048];
        int length = socket.Receive(buffer);
        return buffer.AsSpan(0, length).ToArray();
    }
}
