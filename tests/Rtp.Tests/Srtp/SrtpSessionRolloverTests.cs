using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>The ROC through a session: sequence 65535 → 0 with ROC + 1, on both sides, and reordering across it.</summary>
public sealed class SrtpSessionRolloverTests
{
    private const uint Ssrc = 0x5501A0B2;

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void ProtectRtp_SequenceWraps_RolloverCounterGoesUpOnBothSides(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(1));
        using (sender)
        using (receiver)
        {
            byte[][] packets = Protect(sender, [65534, 65535, 0, 1]);
            Assert.True(sender.TryGetRtpState(Ssrc, out uint roc, out ushort highest));
            Assert.Equal((1u, (ushort)1), (roc, highest));

            foreach (byte[] packet in packets)
            {
                Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(packet, packet.Length, out _));
            }

            Assert.True(receiver.TryGetRtpState(Ssrc, out roc, out highest));
            Assert.Equal((1u, (ushort)1), (roc, highest));
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtp_ReorderedAcrossTheWrap_AcceptsEveryPacketOnce(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(2));
        using (sender)
        using (receiver)
        {
            ushort[] sent = [65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3];
            byte[][] packets = Protect(sender, sent);

            // Delivered out of order: the wrap is seen (0, 2) before the packets just before it.
            foreach (int i in new[] { 0, 1, 6, 2, 8, 5, 3, 4, 7, 9 })
            {
                byte[] copy = (byte[])packets[i].Clone();
                Assert.True(SrtpResult.Ok == receiver.UnprotectRtp(copy, copy.Length, out _), $"sequence {sent[i]}");
            }

            Assert.True(receiver.TryGetRtpState(Ssrc, out uint roc, out ushort highest));
            Assert.Equal((1u, (ushort)3), (roc, highest));
            foreach (byte[] packet in packets)
            {
                byte[] copy = (byte[])packet.Clone();
                Assert.Equal(SrtpResult.Replayed, receiver.UnprotectRtp(copy, copy.Length, out _));
            }
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtp_PacketAfterTheWrapWithoutTheReceiverSeeingIt_FailsAuthentication(SrtpProfile profile)
    {
        // The ROC is authenticated (HMAC input, GCM nonce): a receiver that guesses ROC 0 for a
        // packet sent with ROC 1 rejects it.
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(3));
        using (sender)
        using (receiver)
        {
            byte[][] packets = Protect(sender, [65535, 0]);
            Assert.Equal(SrtpResult.AuthenticationFailed, receiver.UnprotectRtp(packets[1], packets[1].Length, out _));
            Assert.Equal(0, receiver.RtpStreamCount);
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtp_SeveralWraps_TracksTheRolloverCounter(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(4));
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[256];
            var random = new Random(4);
            ushort sequence = 60000;
            for (int i = 0; i < 3 * 65536 / 1000; i++, sequence += 1000)
            {
                // Steps of 1000 stay well inside the half-range estimate.
                int length = SrtpTestData.WriteRtp(buffer, random, sequence, Ssrc, 20);
                Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, protectedLength, out _));
            }

            Assert.True(receiver.TryGetRtpState(Ssrc, out uint roc, out _));
            Assert.True(sender.TryGetRtpState(Ssrc, out uint senderRoc, out _));
            Assert.Equal(3u, roc);
            Assert.Equal(3u, senderRoc);
        }
    }

    internal static byte[][] Protect(SrtpSession sender, ushort[] sequences, uint ssrc = Ssrc)
    {
        var random = new Random(sequences.Length);
        var packets = new byte[sequences.Length][];
        byte[] buffer = new byte[SrtpTestData.BufferSize];
        for (int i = 0; i < sequences.Length; i++)
        {
            int length = SrtpTestData.WriteRtp(buffer, random, sequences[i], ssrc, 40, csrcs: 1);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
            packets[i] = buffer.AsSpan(0, protectedLength).ToArray();
        }

        return packets;
    }
}
