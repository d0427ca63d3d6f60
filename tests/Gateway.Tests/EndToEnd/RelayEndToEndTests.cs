using System.Buffers.Binary;
using System.Security.Cryptography;
using Gateway.Rtp.Srtp;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// The whole node over real sockets on 127.0.0.1: clients join through the HTTP API with SDES offers, send
/// SRTP to the shared media port and receive every other participant's packets re-protected with their own
/// key — on the native batched transport and on the managed one.
/// </summary>
public sealed class RelayEndToEndTests
{
    public static TheoryData<string> Transports => ["native", "managed"];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Every_participant_receives_every_other_participants_packets_byte_for_byte(string transport)
    {
        await using var node = await StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "all");
        var clients = new List<MediaTestClient>();
        for (int i = 0; i < 4; i++)
        {
            clients.Add(await MediaTestClient.JoinAsync(node, "all", $"user{i}", 0x1000u + (uint)i));
        }

        try
        {
            const int PerSender = 40;
            var sent = new Dictionary<(int Sender, int Index), byte[]>();
            for (int index = 0; index < PerSender; index++)
            {
                for (int sender = 0; sender < clients.Count; sender++)
                {
                    byte[] payload = PayloadStamp.Make(sender, index, 100 + index);
                    sent[(sender, index)] = payload;
                    clients[sender].SendRtp(payload);
                }

                await Task.Delay(2, TestContext.Current.CancellationToken);
            }

            for (int receiver = 0; receiver < clients.Count; receiver++)
            {
                var received = clients[receiver].ReceiveRtp((clients.Count - 1) * PerSender, Patience);
                Assert.Equal((clients.Count - 1) * PerSender, received.Count);
                foreach (var packet in received)
                {
                    int sender = BinaryPrimitives.ReadInt32BigEndian(packet.Payload);
                    int index = BinaryPrimitives.ReadInt32BigEndian(packet.Payload.AsSpan(4));
                    Assert.NotEqual(receiver, sender);
                    Assert.Equal(sent[(sender, index)], packet.Payload);
                }
            }

            // Each packet counted once per subscriber it went to.
            Assert.Equal(clients.Count * (clients.Count - 1) * PerSender, await NodeMetrics.ReadAsync(node.Http, "gateway_forwarded_packets_total"));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Leaving_stops_the_stream_and_is_announced(string transport)
    {
        await using var node = await StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "leave");
        await using var alice = await MediaTestClient.JoinAsync(node, "leave", "alice", 0xA11CE);
        await using var bob = await MediaTestClient.JoinAsync(node, "leave", "bob", 0xB0B);
        await using var events = await bob.OpenEventsAsync();

        alice.SendRtp(PayloadStamp.Make(1, 1));
        Assert.Single(bob.ReceiveRtp(1, Patience));

        await alice.LeaveAsync();
        var left = await events.WaitForAsync("left", data => data.GetProperty("participant").GetString() == alice.ParticipantId);
        Assert.Equal(alice.ParticipantId, left.GetProperty("participant").GetString());

        for (int i = 0; i < 10; i++)
        {
            alice.SendRtp(PayloadStamp.Make(1, 2 + i));
        }

        Assert.Empty(bob.ReceiveRtp(1, TimeSpan.FromMilliseconds(500)));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Wrong_key_is_dropped_and_counted_and_the_others_are_unaffected(string transport)
    {
        await using var node = await StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "keys");
        await using var alice = await MediaTestClient.JoinAsync(node, "keys", "alice", 0xA1);
        await using var bob = await MediaTestClient.JoinAsync(node, "keys", "bob", 0xB1);
        await using var carol = await MediaTestClient.JoinAsync(node, "keys", "carol", null);

        // Mallory knows alice's SSRC but not her key.
        using var wrong = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(12));
        var buffer = new byte[1500];
        for (int i = 0; i < 50; i++)
        {
            int length = alice.WriteRtp(buffer, (ushort)(1000 + i), 5000, PayloadStamp.Make(9, i));
            Assert.Equal(SrtpResult.Ok, wrong.ProtectRtp(buffer, length, out int protectedLength));
            alice.SendRaw(buffer.AsSpan(0, protectedLength));
            bob.SendRtp(PayloadStamp.Make(2, i));
        }

        Assert.Equal(50, carol.ReceiveRtp(50, Patience).Count(packet => packet.Ssrc == 0xB1));
        Assert.True(await NodeMetrics.WaitForDropsAsync(node.Http, "auth_failed", 50) >= 50);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Replayed_packets_are_dropped_and_counted(string transport)
    {
        await using var node = await StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "replay");
        await using var alice = await MediaTestClient.JoinAsync(node, "replay", "alice", 0xA2);
        await using var bob = await MediaTestClient.JoinAsync(node, "replay", "bob", null);

        var buffer = new byte[1500];
        using var sameKey = SrtpSession.Create(alice.Profile, alice.KeyAndSalt.AsSpan(0, 16), alice.KeyAndSalt.AsSpan(16));
        int length = alice.WriteRtp(buffer, 7, 960, PayloadStamp.Make(1, 0));
        Assert.Equal(SrtpResult.Ok, sameKey.ProtectRtp(buffer, length, out int protectedLength));
        for (int i = 0; i < 20; i++)
        {
            alice.SendRaw(buffer.AsSpan(0, protectedLength));
        }

        Assert.Single(bob.ReceiveRtp(1, Patience));
        Assert.Empty(bob.ReceiveRtp(1, TimeSpan.FromMilliseconds(300)));
        Assert.True(await NodeMetrics.WaitForDropsAsync(node.Http, "replayed", 19) >= 19);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_strangers_random_flood_is_dropped_and_the_meeting_goes_on(string transport)
    {
        await using var node = await StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "flood");
        await using var alice = await MediaTestClient.JoinAsync(node, "flood", "alice", 0xA3);
        await using var bob = await MediaTestClient.JoinAsync(node, "flood", "bob", null);
        using var stranger = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        stranger.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));

        var junk = new byte[200];
        const int Junk = 20_000;
        for (int i = 0; i < Junk; i++)
        {
            RandomNumberGenerator.Fill(junk.AsSpan(0, 1 + (i % 200)));
            stranger.SendTo(junk.AsSpan(0, 1 + (i % 200)), alice.Gateway);
            if (i % 400 == 0)
            {
                alice.SendRtp(PayloadStamp.Make(1, i / 400));
            }
        }

        Assert.Equal(Junk / 400, bob.ReceiveRtp(Junk / 400, Patience).Count);
        double unknown = await NodeMetrics.WaitForDropsAsync(node.Http, "unknown_source", 1);
        double malformed = await NodeMetrics.DropsAsync(node.Http, "malformed");
        double auth = await NodeMetrics.DropsAsync(node.Http, "auth_failed");
        Assert.True(unknown + malformed + auth >= Junk * 0.5, $"counted {unknown} unknown + {malformed} malformed + {auth} auth of {Junk} (the rest may be lost in the socket buffer)");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_participant_flooding_over_its_limit_is_rate_limited_and_the_others_are_unaffected(string transport)
    {
        await using var node = await StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "limit", maxPacketsPerSecond: 200);
        await using var flooder = await MediaTestClient.JoinAsync(node, "limit", "flooder", 0xF1);
        await using var alice = await MediaTestClient.JoinAsync(node, "limit", "alice", 0xA4);
        await using var bob = await MediaTestClient.JoinAsync(node, "limit", "bob", null);

        for (int i = 0; i < 3000; i++)
        {
            flooder.SendRtp(PayloadStamp.Make(0, i));
            if (i % 100 == 0)
            {
                alice.SendRtp(PayloadStamp.Make(1, i / 100));
            }
        }

        var received = bob.ReceiveRtp(3000, TimeSpan.FromSeconds(2));
        Assert.Equal(30, received.Count(packet => packet.Ssrc == 0xA4));
        Assert.True(received.Count(packet => packet.Ssrc == 0xF1) < 1500);
        Assert.True(await NodeMetrics.WaitForDropsAsync(node.Http, "rate_limited", 1000) >= 1000);
    }

    internal static Task<RunningNode> StartAsync(string transport) =>
        RunningNode.StartAsync($"--Media:Transport={transport}", "--Media:Port=0", "--Media:Address=127.0.0.1", "--Media:Workers=2");
}
