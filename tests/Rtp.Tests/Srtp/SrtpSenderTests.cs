using Gateway.Crypto.Native;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>
/// <see cref="SrtpSender"/>: one SSRC's stream found once. It must make exactly what its session makes of every packet,
/// share the stream's state with the session (an index is never protected twice, whichever protects it), and refuse
/// or hand back to the session whatever the session would treat differently.
/// </summary>
public sealed class SrtpSenderTests
{
    private const uint Ssrc = 0x1234;

    public static TheoryData<SrtpProfile, AesImplementation> Cases => SrtpTestData.ProfilesTimesImplementations;

    public static TheoryData<SrtpProfile> Profiles => SrtpTestData.Profiles;

    /// <summary>300 random packets across a sequence wrap (ROC 0 → 1), header from elsewhere: the in-place bytes, and they unprotect.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void HeaderAndPayloadFromElsewhere_MatchTheSessionInPlace_ByteForByte(SrtpProfile profile, AesImplementation implementation)
    {
        SrtpSender? sender = null;
        SrtpOutOfPlaceProtectTests.AssertMatchesInPlace(profile, implementation, 9605, (session, source, headerLength, length, buffer) =>
        {
            sender ??= session.OpenSender(Ssrc) ?? throw new InvalidOperationException("no sender");
            new Random(length).NextBytes(buffer);

            // Prefetching is a hint: asked before every packet, it changes no byte.
            sender.Prefetch();
            return (sender.Protect(buffer, source.AsSpan(0, headerLength), source.AsSpan(headerLength, length - headerLength), out int written), written);
        });
    }

    /// <summary>The header already in the buffer (a relay that rewrote it there): the same bytes.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void HeaderInTheBuffer_MatchesTheSessionInPlace_ByteForByte(SrtpProfile profile, AesImplementation implementation)
    {
        SrtpSender? sender = null;
        SrtpOutOfPlaceProtectTests.AssertMatchesInPlace(profile, implementation, 3550, (session, source, headerLength, length, buffer) =>
        {
            sender ??= session.OpenSender(Ssrc) ?? throw new InvalidOperationException("no sender");
            Array.Clear(buffer);
            source.AsSpan(0, headerLength).CopyTo(buffer);
            return (sender.Protect(buffer, default, source.AsSpan(headerLength, length - headerLength), out int written), written);
        });
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void SenderAndSession_ShareTheIndicesSent_NeitherProtectsOneTwice(SrtpProfile profile)
    {
        var random = new Random(11);
        (SrtpSession session, SrtpSession receiver) = SrtpTestData.Pair(profile, random);
        using (session)
        using (receiver)
        {
            SrtpSender sender = session.OpenSender(Ssrc)!;
            var source = new byte[300];
            var buffer = new byte[400];
            for (ushort sequence = 100; sequence < 110; sequence++)
            {
                int length = SrtpTestData.WriteRtp(source, random, sequence, Ssrc, 200);
                Assert.True(RtpHeader.TryGetLength(source.AsSpan(0, length), out int headerLength));

                // Alternately the session and the sender first; the other is then refused the same index.
                bool senderFirst = sequence % 2 == 0;
                SrtpResult first = senderFirst
                    ? sender.Protect(buffer, source.AsSpan(0, headerLength), source.AsSpan(headerLength, length - headerLength), out int written)
                    : session.ProtectRtp(buffer, source.AsSpan(0, headerLength), source.AsSpan(headerLength, length - headerLength), out written);
                Assert.Equal(SrtpResult.Ok, first);
                Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, written, out _));

                SrtpResult second = senderFirst
                    ? session.ProtectRtp(buffer, source.AsSpan(0, headerLength), source.AsSpan(headerLength, length - headerLength), out _)
                    : sender.Protect(buffer, source.AsSpan(0, headerLength), source.AsSpan(headerLength, length - headerLength), out _);
                Assert.Equal(SrtpResult.Replayed, second);
            }

            Assert.True(session.TryGetRtpState(Ssrc, out uint roc, out ushort highest));
            Assert.Equal(0u, roc);
            Assert.Equal((ushort)109, highest);
        }
    }

    [Fact]
    public void APacketOfAnotherSsrc_GoesThroughTheSession_AndGetsItsOwnStream()
    {
        var random = new Random(12);
        (SrtpSession session, SrtpSession receiver) = SrtpTestData.Pair(SrtpProfile.AeadAes128Gcm, random);
        using (session)
        using (receiver)
        {
            SrtpSender sender = session.OpenSender(Ssrc)!;
            var source = new byte[300];
            var buffer = new byte[400];
            int length = SrtpTestData.WriteRtp(source, random, 7, 0xBEEF, 100);
            Assert.Equal(SrtpResult.Ok, sender.Protect(buffer, source.AsSpan(0, 12), source.AsSpan(12, length - 12), out int written));
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, written, out _));
            Assert.True(session.TryGetRtpState(0xBEEF, out _, out ushort highest));
            Assert.Equal((ushort)7, highest);
            Assert.False(session.TryGetRtpState(Ssrc, out _, out _)); // opened, nothing sent on it yet
        }
    }

    /// <summary>After the session forgot the SSRC (RTCP BYE), the sender goes through the session, which starts a new stream: as a fresh session would.</summary>
    [Fact]
    public void AfterTheStreamWasRemoved_TheSenderFollowsTheSession()
    {
        var random = new Random(13);
        (SrtpSession session, SrtpSession fresh) = SrtpTestData.Pair(SrtpProfile.AeadAes128Gcm, random);
        using var disposeSession = session;
        using var disposeFresh = fresh;
        SrtpSender sender = session.OpenSender(Ssrc)!;
        var source = new byte[300];
        var buffer = new byte[400];
        var expected = new byte[400];
        int length = SrtpTestData.WriteRtp(source, random, 60_000, Ssrc, 100);
        Assert.Equal(SrtpResult.Ok, sender.Protect(buffer, source.AsSpan(0, 12), source.AsSpan(12, length - 12), out _));
        Assert.True(session.RemoveStream(Ssrc));

        length = SrtpTestData.WriteRtp(source, random, 5, Ssrc, 100);
        Assert.Equal(SrtpResult.Ok, sender.Protect(buffer, source.AsSpan(0, 12), source.AsSpan(12, length - 12), out int written));
        Assert.Equal(SrtpResult.Ok, fresh.ProtectRtp(expected, source.AsSpan(0, 12), source.AsSpan(12, length - 12), out int expectedLength));
        Assert.Equal(expected.AsSpan(0, expectedLength).ToArray(), buffer.AsSpan(0, written).ToArray());
        Assert.Equal(SrtpResult.Replayed, sender.Protect(buffer, source.AsSpan(0, 12), source.AsSpan(12, length - 12), out _));

        // A stale sender, or one whose session and key are gone, may still be asked to prefetch: a hint, never a fault.
        sender.Prefetch();
        session.Dispose();
        sender.Prefetch();
    }

    [Fact]
    public void BadHeadersAndSmallBuffers_AreRefused_AndChangeNothing()
    {
        var random = new Random(14);
        (SrtpSession session, SrtpSession receiver) = SrtpTestData.Pair(SrtpProfile.AeadAes128Gcm, random);
        using (session)
        using (receiver)
        {
            SrtpSender sender = session.OpenSender(Ssrc)!;
            var source = new byte[300];
            int length = SrtpTestData.WriteRtp(source, random, 40, Ssrc, 100, csrcs: 1, extensionWords: 1);
            Assert.True(RtpHeader.TryGetLength(source.AsSpan(0, length), out int headerLength));
            ReadOnlySpan<byte> header = source.AsSpan(0, headerLength);
            ReadOnlySpan<byte> payload = source.AsSpan(headerLength, length - headerLength);
            var buffer = new byte[400];

            // Not one whole header: cut short, or with payload bytes added.
            Assert.NotEqual(SrtpResult.Ok, sender.Protect(buffer, header[..(headerLength - 4)], payload, out _));
            Assert.Equal(SrtpResult.Malformed, sender.Protect(buffer, source.AsSpan(0, headerLength + 4), payload[4..], out _));

            // Version 1.
            byte[] version1 = header.ToArray();
            version1[0] = (byte)((version1[0] & 0x3F) | 0x40);
            Assert.Equal(SrtpResult.Malformed, sender.Protect(buffer, version1, payload, out _));

            // No room for the tag.
            Assert.Equal(SrtpResult.BufferTooSmall, sender.Protect(new byte[length + 15], header, payload, out _));
            Assert.Equal(SrtpResult.BufferTooSmall, sender.Protect(new byte[headerLength - 1], header, payload, out _));

            // The header may not come from the buffer it is copied into.
            header.CopyTo(buffer);
            byte[] payloadCopy = payload.ToArray();
            Assert.Throws<ArgumentException>(() => sender.Protect(buffer, buffer.AsSpan(0, headerLength), payloadCopy, out _));

            // None of it used index 40.
            Assert.False(session.TryGetRtpState(Ssrc, out _, out _));
            Assert.Equal(SrtpResult.Ok, sender.Protect(buffer, header, payload, out int written));
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, written, out int end));
            Assert.Equal(source.AsSpan(0, length).ToArray(), buffer.AsSpan(0, end).ToArray());
        }
    }

    /// <summary>Random bytes as headers, next to the session given the same: accepted alike, and on Ok the same bytes.</summary>
    [Fact]
    public void RandomHeaders_GetTheSessionsVerdict()
    {
        var random = new Random(15);
        (SrtpSession viaSender, SrtpSession viaSession) = SrtpTestData.Pair(SrtpProfile.AeadAes128Gcm, random);
        using var disposeViaSender = viaSender;
        using var disposeViaSession = viaSession;
        SrtpSender sender = viaSender.OpenSender(Ssrc)!;
        var header = new byte[80];
        var payload = new byte[64];
        var a = new byte[300];
        var b = new byte[300];
        int accepted = 0;
        for (int i = 0; i < 5_000; i++)
        {
            random.NextBytes(header);
            header[0] = (byte)((header[0] & 0x3F) | (i % 5 == 0 ? 0x40 : 0x80)); // mostly version 2
            if (i % 2 == 0)
            {
                header[8] = 0;
                header[9] = 0;
                header[10] = 0x12;
                header[11] = 0x34; // the sender's SSRC half of the time
            }

            // The same bytes in both buffers beforehand: the session parses a header it copied in within the whole buffer.
            random.NextBytes(a);
            a.CopyTo(b, 0);
            int headerLength = random.Next(0, header.Length + 1);
            if (i % 3 == 0 && RtpHeader.TryGetLength(header, out int whole))
            {
                headerLength = whole; // a whole header a third of the time, so that many are accepted
            }

            int payloadLength = random.Next(0, payload.Length + 1);
            SrtpResult expected = viaSession.ProtectRtp(b, header.AsSpan(0, headerLength), payload.AsSpan(0, payloadLength), out int expectedLength);
            SrtpResult actual = sender.Protect(a, header.AsSpan(0, headerLength), payload.AsSpan(0, payloadLength), out int actualLength);
            // Accepted by both or by neither (which failure the session names for a header that is not whole depends on
            // the bytes after it in the buffer; the sender judges the header alone), and the same bytes when accepted.
            Assert.True(expected == SrtpResult.Ok == (actual == SrtpResult.Ok),
                $"{i}: {Convert.ToHexString(header.AsSpan(0, headerLength))} payload {payloadLength}: session {expected}, sender {actual}");
            Assert.Equal(expectedLength, actualLength);
            if (actual == SrtpResult.Ok)
            {
                accepted++;
                Assert.Equal(b.AsSpan(0, expectedLength).ToArray(), a.AsSpan(0, actualLength).ToArray());
            }
        }

        Assert.InRange(accepted, 200, 5_000);
    }

    [Fact]
    public void Opening_NeedsAnOutboundSessionThatKnowsOrTakesTheSsrc()
    {
        var random = new Random(16);
        var (key, salt) = SrtpTestData.Keys(SrtpProfile.AeadAes128Gcm, random);
        using var inbound = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, key, salt);
        Assert.Equal(SrtpResult.TooShort, inbound.UnprotectRtp(new byte[8], 8, out _));
        Assert.Throws<InvalidOperationException>(() => inbound.OpenSender(Ssrc));

        using var strict = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, key, salt, new SrtpOptions { AllowUnknownSsrc = false });
        Assert.Null(strict.OpenSender(Ssrc));
        Assert.True(strict.TryAddStream(Ssrc));
        Assert.NotNull(strict.OpenSender(Ssrc));

        var disposed = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, key, salt);
        SrtpSender sender = disposed.OpenSender(Ssrc)!;
        disposed.Dispose();
        var source = new byte[100];
        int length = SrtpTestData.WriteRtp(source, random, 1, Ssrc, 20);
        Assert.Throws<ObjectDisposedException>(() => sender.Protect(new byte[200], source.AsSpan(0, 12), source.AsSpan(12, length - 12), out _));
    }
}
