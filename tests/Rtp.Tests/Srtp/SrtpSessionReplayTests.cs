using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>RFC 3711 §3.3.2 through a session: duplicates are Replayed, packets behind the window TooOld, for SRTP and SRTCP.</summary>
public sealed class SrtpSessionReplayTests
{
    public static TheoryData<SrtpProfile, int> ProfilesAndWindows
    {
        get
        {
            var data = new TheoryData<SrtpProfile, int>();
            foreach (SrtpProfile profile in SrtpProfiles.All)
            {
                foreach (int window in new[] { 64, 128, 1024 })
                {
                    data.Add(profile, window);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ProfilesAndWindows))]
    public void UnprotectRtp_DuplicateAndTooOld_AreRejectedAndTheEdgeIsAccepted(SrtpProfile profile, int window)
    {
        var options = new SrtpOptions { ReplayWindow = window };
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(window), options);
        using (sender)
        using (receiver)
        {
            ushort[] sequences = Enumerable.Range(0, window + 2).Select(i => (ushort)(1000 + i)).ToArray();
            byte[][] packets = SrtpSessionRolloverTests.Protect(sender, sequences);
            int last = packets.Length - 1;

            // Everything but the first three, in order; then the held-back ones.
            for (int i = 3; i <= last; i++)
            {
                Assert.Equal(SrtpResult.Ok, Unprotect(receiver, packets[i]));
            }

            Assert.Equal(SrtpResult.Replayed, Unprotect(receiver, packets[last]));
            Assert.Equal(SrtpResult.Replayed, Unprotect(receiver, packets[3]));
            Assert.Equal(SrtpResult.TooOld, Unprotect(receiver, packets[last - window])); // Size behind the highest
            Assert.Equal(SrtpResult.TooOld, Unprotect(receiver, packets[0]));
            Assert.Equal(SrtpResult.Ok, Unprotect(receiver, packets[last - window + 1])); // the window's oldest place
            Assert.Equal(SrtpResult.Replayed, Unprotect(receiver, packets[last - window + 1]));
        }
    }

    [Theory]
    [MemberData(nameof(ProfilesAndWindows))]
    public void UnprotectRtcp_DuplicateAndTooOld_AreRejected(SrtpProfile profile, int window)
    {
        var options = new SrtpOptions { ReplayWindow = window };
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(window + 1), options);
        using (sender)
        using (receiver)
        {
            var random = new Random(window);
            var packets = new byte[window + 1][]; // indices 0..window
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            for (int i = 0; i < packets.Length; i++)
            {
                int length = SrtpTestData.WriteRtcp(buffer, random, 77);
                Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(buffer, length, out int protectedLength));
                packets[i] = buffer.AsSpan(0, protectedLength).ToArray();
            }

            for (int i = 2; i < packets.Length; i++)
            {
                Assert.Equal(SrtpResult.Ok, UnprotectRtcp(receiver, packets[i]));
            }

            // The highest index is now 'window': index 0 is Size behind it, index 1 the window's oldest place.
            Assert.Equal(SrtpResult.Replayed, UnprotectRtcp(receiver, packets[5]));
            Assert.Equal(SrtpResult.TooOld, UnprotectRtcp(receiver, packets[0]));
            Assert.Equal(SrtpResult.Ok, UnprotectRtcp(receiver, packets[1]));
            Assert.Equal(SrtpResult.Replayed, UnprotectRtcp(receiver, packets[1]));
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void ProtectRtp_SameSequenceTwice_IsRefusedSoNoNonceRepeats(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(9));
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            int length = SrtpTestData.WriteRtp(buffer, new Random(1), 500, 1, 100);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out _));
            length = SrtpTestData.WriteRtp(buffer, new Random(2), 500, 1, 100);
            Assert.Equal(SrtpResult.Replayed, sender.ProtectRtp(buffer, length, out int protectedLength));
            Assert.Equal(0, protectedLength);
            length = SrtpTestData.WriteRtp(buffer, new Random(2), 499, 1, 100);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out _)); // reordered, not yet sent: fine
        }
    }

    private static SrtpResult Unprotect(SrtpSession receiver, byte[] packet)
    {
        byte[] copy = (byte[])packet.Clone();
        return receiver.UnprotectRtp(copy, copy.Length, out _);
    }

    private static SrtpResult UnprotectRtcp(SrtpSession receiver, byte[] packet)
    {
        byte[] copy = (byte[])packet.Clone();
        return receiver.UnprotectRtcp(copy, copy.Length, out _);
    }
}
