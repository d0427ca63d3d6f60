using Gateway.Crypto.Native;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>
/// ProtectRtp(buffer, payload): a header already in the buffer and the payload elsewhere give the same bytes as
/// copying the packet in and protecting it in place — on every profile and AES path, with CSRCs and extensions.
/// </summary>
public sealed class SrtpOutOfPlaceProtectTests
{
    public static TheoryData<SrtpProfile, AesImplementation> Cases => SrtpTestData.ProfilesTimesImplementations;

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutOfPlace_MatchesInPlace_ByteForByte_AndUnprotects(SrtpProfile profile, AesImplementation implementation) =>
        AssertMatchesInPlace(profile, implementation, 7714, (session, source, headerLength, length, buffer) =>
        {
            Array.Clear(buffer);
            source.AsSpan(0, headerLength).CopyTo(buffer);
            return (session.ProtectRtp(buffer, source.AsSpan(headerLength, length - headerLength), out int written), written);
        });

    /// <summary>
    /// ProtectRtp(buffer, header, payload): the header copied in from elsewhere (and, on AEAD profiles, authenticated
    /// from there) gives the same bytes as the in-place path, on every profile and AES path.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void HeaderAndPayloadFromElsewhere_MatchInPlace_ByteForByte(SrtpProfile profile, AesImplementation implementation) =>
        AssertMatchesInPlace(profile, implementation, 3711, (session, source, headerLength, length, buffer) =>
        {
            new Random(length).NextBytes(buffer); // whatever the slot held before
            return (session.ProtectRtp(buffer, source.AsSpan(0, headerLength), source.AsSpan(headerLength, length - headerLength), out int written), written);
        });

    [Fact]
    public void HeaderFromElsewhere_ThatIsNotOneWholeHeader_IsRefused()
    {
        var random = new Random(2);
        var (key, salt) = SrtpTestData.Keys(SrtpProfile.AeadAes128Gcm, random);
        using var session = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, key, salt);
        var source = new byte[200];
        int length = SrtpTestData.WriteRtp(source, random, 1, 0x99, 150, csrcs: 1, extensionWords: -1);
        Assert.True(RtpHeader.TryGetLength(source.AsSpan(0, length), out int headerLength));
        var buffer = new byte[400];

        // A header cut short (its CSRC missing) or with payload bytes added is not the packet's header.
        Assert.Equal(SrtpResult.Malformed, session.ProtectRtp(buffer, source.AsSpan(0, headerLength + 4), source.AsSpan(headerLength + 4, 20), out _));
        Assert.NotEqual(SrtpResult.Ok, session.ProtectRtp(buffer, source.AsSpan(0, headerLength - 4), source.AsSpan(headerLength, 20), out _));

        // The header may not come from the buffer it is copied into.
        Assert.Throws<ArgumentException>(() => session.ProtectRtp(buffer, buffer.AsSpan(0, headerLength), source.AsSpan(headerLength, 20), out _));
    }

    [Fact]
    public void OutOfPlace_ReportsABufferTooSmallForHeaderPayloadAndTag()
    {
        var random = new Random(1);
        var (key, salt) = SrtpTestData.Keys(SrtpProfile.AeadAes128Gcm, random);
        using var session = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, key, salt);
        var source = new byte[200];
        int length = SrtpTestData.WriteRtp(source, random, 1, 0x99, 150, extensionWords: -1);
        Assert.True(RtpHeader.TryGetLength(source.AsSpan(0, length), out int headerLength));
        var small = new byte[length + 15];
        source.AsSpan(0, headerLength).CopyTo(small);
        Assert.Equal(SrtpResult.BufferTooSmall, session.ProtectRtp(small, source.AsSpan(headerLength, length - headerLength), out _));
        Assert.Equal(SrtpResult.BufferTooSmall, session.ProtectRtp(small.AsSpan(0, length - 1), source.AsSpan(headerLength, length - headerLength), out _));
    }

    /// <summary>One way of protecting a packet assembled out of place: its result and length, in <c>buffer</c>.</summary>
    internal delegate (SrtpResult Result, int Length) OutOfPlaceProtect(SrtpSession session, byte[] source, int headerLength, int length, byte[] buffer);

    /// <summary>300 random packets (CSRCs, extensions, sizes): <paramref name="protect"/> gives the in-place bytes, and they unprotect.</summary>
    internal static void AssertMatchesInPlace(SrtpProfile profile, AesImplementation implementation, int seed, OutOfPlaceProtect protect)
    {
        var random = new Random(seed + (int)profile);
        var (key, salt) = SrtpTestData.Keys(profile, random);
        using var inPlace = SrtpSession.Create(profile, key, salt, implementation: implementation);
        using var outOfPlace = SrtpSession.Create(profile, key, salt, implementation: implementation);
        using var receiver = SrtpSession.Create(profile, key, salt, implementation: implementation);
        var source = new byte[1600];
        var expected = new byte[1600];
        var actual = new byte[1600];
        for (int i = 0; i < 300; i++)
        {
            int length = SrtpTestData.WriteRtp(source, random, (ushort)(65_400 + i), 0x1234, random.Next(0, 1300), csrcs: i % 3, extensionWords: (i % 4) - 1);
            Assert.True(RtpHeader.TryGetLength(source.AsSpan(0, length), out int headerLength));
            source.AsSpan(0, length).CopyTo(expected);
            Assert.Equal(SrtpResult.Ok, inPlace.ProtectRtp(expected, length, out int expectedLength));

            (SrtpResult result, int actualLength) = protect(outOfPlace, source, headerLength, length, actual);
            Assert.Equal(SrtpResult.Ok, result);
            Assert.Equal(expectedLength, actualLength);
            Assert.Equal(expected.AsSpan(0, expectedLength).ToArray(), actual.AsSpan(0, actualLength).ToArray());
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(actual, actualLength, out int end));
            Assert.Equal(source.AsSpan(0, length).ToArray(), actual.AsSpan(0, end).ToArray());
        }
    }
}
