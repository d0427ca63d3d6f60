using System.Buffers.Binary;
using Gateway.Transport;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// RTP over TCP (RFC 4571 framing, the fallback for networks that block UDP): a client that offers only
/// TCP/RTP/SAVPF connects to the answer's port and exchanges SRTP with a UDP client of the same meeting, both ways.
/// </summary>
public sealed class TcpEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Transports => RelayEndToEndTests.Transports;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_tcp_client_and_a_udp_client_exchange_media_both_ways_byte_for_byte(string transport)
    {
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "tcp");
        await using var tcp = await SrtpEndToEndClient.JoinAsync(node, "tcp", "behind-firewall", 0x7C9, tcp: true);
        await using var udp = await SrtpEndToEndClient.JoinAsync(node, "tcp", "on-udp", 0x0D9);

        // The TCP client has no address in its offer: its first authenticated packet makes the connection its path.
        const int Count = 30;
        var fromTcp = new List<byte[]>();
        for (int i = 0; i < Count; i++)
        {
            byte[] payload = PayloadStamp.Make(1, i, 60 + (i * 37 % 1000));
            fromTcp.Add(payload);
            tcp.SendRtp(payload);
        }

        var atUdp = udp.ReceiveRtp(Count, Patience);
        Assert.Equal(1, node.Service<MediaTransportHost>().TcpConnectionCount);
        Assert.Equal(Count, atUdp.Count);
        Assert.All(atUdp, packet => Assert.Equal(0x7C9u, packet.Ssrc));
        Assert.Equal(fromTcp, atUdp.Select(packet => packet.Payload));

        var fromUdp = new List<byte[]>();
        for (int i = 0; i < Count; i++)
        {
            byte[] payload = PayloadStamp.Make(2, i, 60 + (i * 53 % 1100));
            fromUdp.Add(payload);
            udp.SendRtp(payload);
        }

        // Frames may arrive coalesced in one TCP segment or split over several: the client reassembles them.
        var atTcp = tcp.ReceiveRtp(Count, Patience);
        Assert.Equal(Count, atTcp.Count);
        Assert.All(atTcp, packet => Assert.Equal(0x0D9u, packet.Ssrc));
        Assert.Equal(fromUdp, atTcp.Select(packet => packet.Payload));
        Assert.Equal(atTcp.Select((packet, i) => (ushort)(atTcp[0].Sequence + i)), atTcp.Select(packet => packet.Sequence));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Two_tcp_clients_relay_to_each_other(string transport)
    {
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "tcp2");
        await using var alice = await SrtpEndToEndClient.JoinAsync(node, "tcp2", "alice", 0xA7, tcp: true);
        await using var bob = await SrtpEndToEndClient.JoinAsync(node, "tcp2", "bob", 0xB7, tcp: true);

        // Each latches its connection with a first packet (index 0); whichever went first found the other not yet
        // latched, so index-0 packets may or may not arrive and are skipped below.
        alice.SendRtp(PayloadStamp.Make(0, 0));
        bob.SendRtp(PayloadStamp.Make(0, 0));
        await Task.Delay(200, TestContext.Current.CancellationToken);

        byte[] toBob = PayloadStamp.Make(1, 1, 1200);
        byte[] toAlice = PayloadStamp.Make(2, 1, 900);
        alice.SendRtp(toBob);
        bob.SendRtp(toAlice);
        Assert.Equal(toBob, FirstAfterLatching(bob));
        Assert.Equal(toAlice, FirstAfterLatching(alice));
    }

    private static byte[] FirstAfterLatching(SrtpEndToEndClient client)
    {
        while (true)
        {
            var packet = Assert.Single(client.ReceiveRtp(1, Patience));
            if (BinaryPrimitives.ReadInt32BigEndian(packet.Payload.AsSpan(4)) != 0)
            {
                return packet.Payload;
            }
        }
    }
}
