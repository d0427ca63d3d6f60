using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>
/// Any change to a protected packet is rejected and leaves the receiver as it was: every byte position,
/// another key, another SSRC.
/// </summary>
public sealed class SrtpSessionTamperTests
{
    private const uint Ssrc = 0x11223344;

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtp_AnyByteChanged_IsRejectedAndChangesNoState(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(21));
        using (sender)
        using (receiver)
        {
            byte[][] packets = SrtpSessionRolloverTests.Protect(sender, [100, 101, 102], Ssrc);
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp((byte[])packets[0].Clone(), packets[0].Length, out _));
            byte[] target = packets[2];
            int headerLength = 12 + 4; // one CSRC

            for (int position = 0; position < target.Length; position++)
            {
                foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
                {
                    byte[] copy = (byte[])target.Clone();
                    copy[position] ^= flip;
                    SrtpResult result = receiver.UnprotectRtp(copy, copy.Length, out int payloadEnd);
                    Assert.NotEqual(SrtpResult.Ok, result);
                    Assert.Equal(0, payloadEnd);
                    if (position >= 2)
                    {
                        // Past the version/CC/X byte and PT: the header still parses, so only the tag can catch it.
                        // (Sequence bytes may move the index onto one already received or behind the window.)
                        Assert.True(result is SrtpResult.AuthenticationFailed or SrtpResult.Replayed or SrtpResult.TooOld,
                            $"byte {position} ^ 0x{flip:x2}: {result}");
                    }

                    if (position >= headerLength)
                    {
                        Assert.Equal(SrtpResult.AuthenticationFailed, result);
                    }

                    AssertState(receiver, roc: 0, highest: 100, streams: 1);
                }
            }

            // The untouched packets are still accepted: nothing moved the window.
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp((byte[])target.Clone(), target.Length, out _));
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp((byte[])packets[1].Clone(), packets[1].Length, out _));
            AssertState(receiver, roc: 0, highest: 102, streams: 1);
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtcp_AnyByteChanged_IsRejectedAndChangesNoState(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(22));
        using (sender)
        using (receiver)
        {
            var random = new Random(1);
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            int length = SrtpTestData.WriteRtcp(buffer, random, Ssrc, 2);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(buffer, length, out int protectedLength));
            byte[] target = buffer.AsSpan(0, protectedLength).ToArray();

            for (int position = 0; position < target.Length; position++)
            {
                foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
                {
                    byte[] copy = (byte[])target.Clone();
                    copy[position] ^= flip;
                    SrtpResult result = receiver.UnprotectRtcp(copy, copy.Length, out int payloadEnd);
                    Assert.NotEqual(SrtpResult.Ok, result);
                    Assert.Equal(0, payloadEnd);
                    if (position > 0)
                    {
                        Assert.True(result == SrtpResult.AuthenticationFailed, $"byte {position} ^ 0x{flip:x2}: {result}");
                    }

                    Assert.Equal(0, receiver.RtcpStreamCount);
                }
            }

            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtcp(target, target.Length, out _));
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtpAndRtcp_OtherMasterKey_FailAuthenticationAndMakeNoStream(SrtpProfile profile)
    {
        var random = new Random(23);
        (SrtpSession sender, SrtpSession _) = SrtpTestData.Pair(profile, random);
        (SrtpSession _, SrtpSession stranger) = SrtpTestData.Pair(profile, random);
        using (sender)
        using (stranger)
        {
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            int length = SrtpTestData.WriteRtp(buffer, random, 1, Ssrc, 160);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
            Assert.Equal(SrtpResult.AuthenticationFailed, stranger.UnprotectRtp(buffer, protectedLength, out _));

            length = SrtpTestData.WriteRtcp(buffer, random, Ssrc);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(buffer, length, out protectedLength));
            Assert.Equal(SrtpResult.AuthenticationFailed, stranger.UnprotectRtcp(buffer, protectedLength, out _));
            Assert.Equal(0, stranger.RtpStreamCount);
            Assert.Equal(0, stranger.RtcpStreamCount);
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtp_SsrcChanged_FailsAuthenticationForANewAndAKnownSsrc(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(24));
        using (sender)
        using (receiver)
        {
            byte[][] packets = SrtpSessionRolloverTests.Protect(sender, [10, 11], Ssrc);

            // To an SSRC the receiver does not know: no stream may appear.
            byte[] copy = (byte[])packets[0].Clone();
            copy[11] ^= 0x01;
            Assert.Equal(SrtpResult.AuthenticationFailed, receiver.UnprotectRtp(copy, copy.Length, out _));
            Assert.Equal(0, receiver.RtpStreamCount);

            // To an SSRC it knows (a packet of another stream relabelled): rejected, that stream unchanged.
            byte[] other = new byte[SrtpTestData.BufferSize];
            int length = SrtpTestData.WriteRtp(other, new Random(1), 10, Ssrc ^ 1, 40);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(other, length, out int protectedLength));
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(other, protectedLength, out _));
            copy = (byte[])packets[1].Clone();
            copy[11] ^= 0x01;
            Assert.Equal(SrtpResult.AuthenticationFailed, receiver.UnprotectRtp(copy, copy.Length, out _));
            Assert.True(receiver.TryGetRtpState(Ssrc ^ 1, out _, out ushort highest));
            Assert.Equal((ushort)10, highest);
        }
    }

    private static void AssertState(SrtpSession receiver, uint roc, ushort highest, int streams)
    {
        Assert.Equal(streams, receiver.RtpStreamCount);
        Assert.True(receiver.TryGetRtpState(Ssrc, out uint actualRoc, out ushort actualHighest));
        Assert.Equal((roc, highest), (actualRoc, actualHighest));
    }
}
