using System.Buffers.Binary;
using System.Security.Cryptography;
using Gateway.Routing;
using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Tests.Routing;

public sealed class MediaRouterForwardingTests
{
    [Fact]
    public void EveryParticipant_ReceivesEveryOthersPackets_PayloadIdenticalByteForByte()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var clients = new RouterTestClient[4];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = harness.Join("m", $"user{i}", RouterHarness.Audio(1000u + (uint)i));
        }

        var sent = new Dictionary<uint, List<byte[]>>();
        for (int round = 0; round < 20; round++)
        {
            foreach (RouterTestClient client in clients)
            {
                byte[] payload = RandomNumberGenerator.GetBytes(40 + round);
                byte[] rtp = client.SendRtp(client.Ssrc, payload);
                (sent.TryGetValue(client.Ssrc, out var list) ? list : sent[client.Ssrc] = []).Add(rtp);
            }
        }

        foreach (RouterTestClient receiver in clients)
        {
            List<byte[]> received = receiver.ReceiveRtp();
            Assert.Equal(20 * (clients.Length - 1), received.Count);
            foreach (RouterTestClient other in clients)
            {
                var fromOther = received.Where(p => BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8)) == other.Ssrc).ToList();
                if (ReferenceEquals(other, receiver))
                {
                    Assert.Empty(fromOther);
                    continue;
                }

                // No restart: the subscriber sees the publisher's own header values and the very same payload.
                Assert.Equal(sent[other.Ssrc].Count, fromOther.Count);
                for (int i = 0; i < fromOther.Count; i++)
                {
                    Assert.Equal(sent[other.Ssrc][i], fromOther[i]);
                }
            }
        }

        Assert.Equal(20 * 4 * 3, harness.Counters.Forwarded);
    }

    [Fact]
    public async Task Leaving_StopsTheStreams_AndIsAnnounced()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        var events = harness.Router.OpenEvents("m", b.Id)!;
        a.SendRtp(a.Ssrc, [1, 2, 3]);
        Assert.Single(b.ReceiveRtp());

        Assert.True(await harness.Router.LeaveAsync("m", a.Id));
        a.SendRtp(a.Ssrc, [4, 5, 6]);
        Assert.Empty(b.ReceiveRtp());
        Assert.Equal(1, harness.Counters.Drops(MediaDropReason.UnknownSource));

        var types = Drain(events).Select(e => e.Type).ToList();
        Assert.Contains("left", types);
        var left = Drain(events);
        Assert.False(await harness.Router.LeaveAsync("m", a.Id));
        Assert.Null(harness.Router.GetParticipantIdentity("m", a.Id));
        Assert.Equal("b", harness.Router.GetParticipantIdentity("m", b.Id));
        Assert.Empty(left);
    }

    [Fact]
    public void WrongKey_IsCountedAsAuthFailed_AndOthersAreUnaffected()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        var c = harness.Join("m", "c", RouterHarness.Audio(3));
        SrtpSession honest = a.Send;
        byte[] wrong = RandomNumberGenerator.GetBytes(28);
        using (a.Send = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, wrong.AsSpan(0, 16), wrong.AsSpan(16)))
        {
            for (int i = 0; i < 5; i++)
            {
                a.SendRtp(a.Ssrc, [9, 9, 9]);
                c.SendRtp(c.Ssrc, [7, 7, 7]);
            }
        }

        a.Send = honest;
        Assert.Equal(5, harness.Counters.Drops(MediaDropReason.AuthFailed));
        var atB = b.ReceiveRtp();
        Assert.Equal(5, atB.Count);
        Assert.All(atB, p => Assert.Equal(c.Ssrc, BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8))));

        // The forged packets moved nothing: the honest stream goes on.
        a.SendRtp(a.Ssrc, [1]);
        Assert.Single(b.ReceiveRtp());
    }

    [Fact]
    public void ReplayedPacket_IsCountedAsReplayed_AndNotForwardedTwice()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        byte[] wire = a.Protect(RouterTestClient.RtpPacket(a.Ssrc, 5, 100, [1, 2, 3]));
        harness.Deliver((byte[])wire.Clone(), a.Path);
        harness.Deliver((byte[])wire.Clone(), a.Path);
        harness.Deliver((byte[])wire.Clone(), a.Path);

        Assert.Single(b.ReceiveRtp());
        Assert.Equal(2, harness.Counters.Drops(MediaDropReason.Replayed));
    }

    [Fact]
    public void StrangerRandomBytes_HaveNoOwner_AndAreDroppedAsUnknown()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(0x1111));
        var b = harness.Join("m", "b", RouterHarness.Audio(0x2222));
        MediaPath stranger = RouterTestClient.UdpPath(50_000);
        var random = new Random(7);
        int unowned = 0;
        for (int i = 0; i < 2_000; i++)
        {
            byte[] junk = new byte[random.Next(1, 200)];
            random.NextBytes(junk);
            if (harness.Router.OwnerOf(junk, stranger) == -1)
            {
                unowned++;
            }

            harness.Handler.OnPacket(junk, stranger, harness.Now, harness.Sink);
        }

        Assert.Equal(2_000, unowned);
        Assert.Empty(harness.Sink.Sent);

        a.SendRtp(a.Ssrc, [1]);
        Assert.Single(b.ReceiveRtp());
    }

    [Fact]
    public void OwnerOf_FindsParticipants_ByPath_BySsrc_AndByStunUfrag()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(0xABCDEF));
        MediaPath elsewhere = RouterTestClient.UdpPath(50_001);
        byte[] rtp = a.Protect(RouterTestClient.RtpPacket(a.Ssrc, 1, 1, [1]));
        Assert.Equal(0, harness.Router.OwnerOf(rtp, a.Path));
        Assert.Equal(0, harness.Router.OwnerOf(rtp, elsewhere));
        byte[] otherSsrc = RouterTestClient.RtpPacket(0x55, 1, 1, [1]);
        Assert.Equal(-1, harness.Router.OwnerOf(otherSsrc, elsewhere));

        byte[] stun = StunBindingRequest(a.Join.IceCredentials!.Value.Ufrag + ":remote");
        Assert.Equal(0, harness.Router.OwnerOf(stun, elsewhere));
        Assert.Equal(-1, harness.Router.OwnerOf(StunBindingRequest("nobody:remote"), elsewhere));
    }

    [Fact]
    public void Flood_OverTheParticipantsLimit_IsRateLimited_WhileOthersPacketsAllArrive()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m", maxPacketsPerSecond: 100);
        var flooder = harness.Join("m", "f", RouterHarness.Audio(1));
        var honest = harness.Join("m", "h", RouterHarness.Audio(2));
        var listener = harness.Join("m", "l", RouterHarness.Audio(3));
        for (int i = 0; i < 1_000; i++)
        {
            flooder.SendRtp(flooder.Ssrc, [1]);
            if (i % 20 == 0)
            {
                honest.SendRtp(honest.Ssrc, [2]);
                harness.Advance(1);
            }
        }

        List<byte[]> received = listener.ReceiveRtp();
        int fromHonest = received.Count(p => BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8)) == honest.Ssrc);
        int fromFlooder = received.Count - fromHonest;
        Assert.Equal(50, fromHonest);
        Assert.InRange(fromFlooder, 100, 110);
        Assert.Equal(1_000 - fromFlooder, harness.Counters.Drops(MediaDropReason.RateLimited));
    }

    [Fact]
    public void Latching_AValidPacketFromANewAddress_MovesTheSendPath_AWrongKeyDoesNot()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        MediaPath offered = a.Path;
        MediaPath natted = RouterTestClient.UdpPath(60_000);

        // A stranger with a's SSRC but not its key, from another address: dropped, nothing moves.
        byte[] wrong = RandomNumberGenerator.GetBytes(28);
        using (var forger = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, wrong.AsSpan(0, 16), wrong.AsSpan(16)))
        {
            byte[] rtp = RouterTestClient.RtpPacket(a.Ssrc, 77, 1, [1]);
            byte[] buffer = new byte[rtp.Length + 16];
            rtp.CopyTo(buffer, 0);
            forger.ProtectRtp(buffer, rtp.Length, out int length);
            harness.Deliver(buffer[..length], natted);
        }

        Assert.Equal(1, harness.Counters.Drops(MediaDropReason.AuthFailed));
        b.SendRtp(b.Ssrc, [5]);
        Assert.Single(harness.Sink.TakeFor(offered));
        Assert.Empty(harness.Sink.TakeFor(natted));

        // The real a, behind NAT: its authenticated packet latches the path.
        a.Path = natted;
        a.SendRtp(a.Ssrc, [1, 2]);
        Assert.Single(b.ReceiveRtp());
        b.SendRtp(b.Ssrc, [6]);
        Assert.Empty(harness.Sink.TakeFor(offered));
        Assert.Single(a.ReceiveRtp());
        Assert.Equal(0, harness.Router.OwnerOf(RouterTestClient.RtpPacket(0x999, 1, 1, [1]), natted));
        Assert.Equal(-1, harness.Router.OwnerOf(RouterTestClient.RtpPacket(0x999, 1, 1, [1]), offered));
    }

    [Fact]
    public void Latching_RtcpFromTheNextPort_DoesNotMoveAPathThatRtpLatched()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        MediaPath rtpPath = a.Path;

        // a sends RTP from its offered port, then RTCP from the port above (ffmpeg without rtcp-mux).
        a.SendRtp(a.Ssrc, [1]);
        a.Path = RouterTestClient.UdpPath(61_001);
        a.SendRtcp((Span<byte> destination, out int written) => { written = 0; return true; });
        a.Path = rtpPath;
        b.SendRtp(b.Ssrc, [7]);
        Assert.Single(a.ReceiveRtp());
        Assert.Empty(harness.Sink.TakeFor(RouterTestClient.UdpPath(61_001)));
    }

    [Fact]
    public void Join_OfferingTheAddressOfAParticipantThatVanished_TakesTheAddress()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("old");
        harness.CreateMeeting("new");

        // A client vanished without leaving; a new client reuses its port and its fixed SSRC (ffmpeg).
        var stale = harness.Join("old", "stale", RouterHarness.Audio(12345));
        stale.SendRtp(stale.Ssrc, [1]);
        var (result, fresh) = harness.TryJoin("new", "fresh", e2ee: true, [RouterHarness.Audio(12345)], offered: stale.Path);
        Assert.Equal(JoinStatus.Joined, result.Status);
        var peer = harness.Join("new", "peer");

        fresh!.SendRtp(fresh.Ssrc, [2]);
        Assert.Single(peer.ReceiveRtp());
        Assert.Equal(0, harness.Counters.Drops(MediaDropReason.AuthFailed));
    }

    [Fact]
    public void PublisherRestart_WithANewSsrc_KeepsTheSubscribersViewContinuous()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(0xA0));
        var b = harness.Join("m", "b");
        for (int i = 0; i < 10; i++)
        {
            a.SendRtp(0xA0, [(byte)i], sequence: (ushort)(500 + i));
            harness.Advance(20);
        }

        // A restarted sender: a new random SSRC and numbering from elsewhere.
        harness.Advance(200);
        byte[] payload = [42, 43];
        byte[] restarted = RouterTestClient.RtpPacket(0xB0, 60_000, 123_456, payload);
        harness.Deliver(a.Protect(restarted), a.Path);
        a.SendRtp(0xB0, [44], sequence: 60_001);

        List<byte[]> received = b.ReceiveRtp();
        Assert.Equal(12, received.Count);
        ushort lastBefore = BinaryPrimitives.ReadUInt16BigEndian(received[9].AsSpan(2));
        uint tsBefore = BinaryPrimitives.ReadUInt32BigEndian(received[9].AsSpan(4));
        Assert.Equal(509, lastBefore);
        Assert.All(received, p => Assert.Equal(0xA0u, BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8))));
        Assert.Equal((ushort)(lastBefore + 1), BinaryPrimitives.ReadUInt16BigEndian(received[10].AsSpan(2)));
        Assert.Equal((ushort)(lastBefore + 2), BinaryPrimitives.ReadUInt16BigEndian(received[11].AsSpan(2)));
        uint tsAfter = BinaryPrimitives.ReadUInt32BigEndian(received[10].AsSpan(4));

        // 220 ms passed at 48 kHz: the timestamp moves on by about that much, not by the restart's jump.
        Assert.InRange(tsAfter - tsBefore, 48 * 200u, 48 * 240u);
        Assert.Equal(payload, received[10].AsSpan(12).ToArray());
    }

    [Fact]
    public async Task Rejoin_WithTheSameSsrc_IsForwarded_ContinuingTheSubscribersOutboundStream()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var b = harness.Join("m", "b");
        var a = harness.Join("m", "a", RouterHarness.Audio(0xA0));
        for (int i = 0; i < 300; i++)
        {
            a.SendRtp(0xA0, [1], sequence: (ushort)(5_000 + i));
        }

        Assert.Equal(300, b.ReceiveRtp().Count);
        Assert.True(await harness.Router.LeaveAsync("m", a.Id));

        // The same sender comes back with the same SSRC and numbering from the start: b's outbound session has
        // used those indices, so the gateway continues after them instead of reusing them.
        var again = harness.Join("m", "a", RouterHarness.Audio(0xA0));
        again.SendRtp(0xA0, [2], sequence: 5_000);
        again.SendRtp(0xA0, [3], sequence: 5_001);
        var seqs = b.ReceiveRtp().Select(p => BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2))).ToArray();
        Assert.Equal(new ushort[] { 5_300, 5_301 }, seqs);
        Assert.Equal(0, harness.Counters.Drops(MediaDropReason.SendFailed));
    }

    [Fact]
    public void SequenceJump_WithinOneSsrc_KeepsTheSubscribersNumberingContinuous()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Video(0xA0));
        var b = harness.Join("m", "b");
        a.SendRtp(0xA0, [1], sequence: 100);
        a.SendRtp(0xA0, [2], sequence: 101);
        a.SendRtp(0xA0, [3], sequence: 20_000);
        a.SendRtp(0xA0, [4], sequence: 20_001);
        var seqs = b.ReceiveRtp().Select(p => BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2))).ToArray();
        Assert.Equal(new ushort[] { 100, 101, 102, 103 }, seqs);
    }

    [Fact]
    public void AudioLevels_PickTheActiveSpeaker_AndAnnounceIt()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1, levelId: 3));
        var b = harness.Join("m", "b", RouterHarness.Audio(2, levelId: 3));
        var events = harness.Router.OpenEvents("m", a.Id)!;
        Drain(events);
        for (int i = 0; i < 30; i++)
        {
            a.SendRtp(a.Ssrc, [0], audioLevelId: 3, audioLevel: 90);
            b.SendRtp(b.Ssrc, [0], audioLevelId: 3, audioLevel: 20);
            harness.Advance(20);
        }

        harness.Tick();
        var speaker = Assert.Single(Drain(events), e => e.Type == "speaker");
        Assert.Equal(b.Id, speaker.Data["participant"]);

        // The same speaker is not announced again; a louder one is.
        harness.Advance(300);
        harness.Tick();
        Assert.DoesNotContain(Drain(events), e => e.Type == "speaker");
        for (int i = 0; i < 60; i++)
        {
            a.SendRtp(a.Ssrc, [0], audioLevelId: 3, audioLevel: 10);
            b.SendRtp(b.Ssrc, [0], audioLevelId: 3, audioLevel: 100);
            harness.Advance(20);
        }

        harness.Tick();
        speaker = Assert.Single(Drain(events), e => e.Type == "speaker");
        Assert.Equal(a.Id, speaker.Data["participant"]);
    }

    internal static List<MeetingEvent> Drain(System.Threading.Channels.ChannelReader<MeetingEvent> reader)
    {
        var list = new List<MeetingEvent>();
        while (reader.TryRead(out MeetingEvent? e))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>A STUN Binding request with only a USERNAME (enough for the lookup).</summary>
    private static byte[] StunBindingRequest(string username)
    {
        byte[] name = System.Text.Encoding.ASCII.GetBytes(username);
        int padded = (name.Length + 3) & ~3;
        byte[] message = new byte[20 + 4 + padded];
        BinaryPrimitives.WriteUInt16BigEndian(message, 0x0001);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(4 + padded));
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), 0x2112A442);
        RandomNumberGenerator.Fill(message.AsSpan(8, 12));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(20), 0x0006);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(22), (ushort)name.Length);
        name.CopyTo(message, 24);
        return message;
    }
}
