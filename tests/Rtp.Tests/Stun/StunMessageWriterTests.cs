using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>The writer: round trips through the parser, Length at every step, padding, order, room, and the helpers.</summary>
public sealed class StunMessageWriterTests
{
    private static readonly byte[] Password = "0123456789abcdefghijkl"u8.ToArray();

    [Fact]
    public void EveryAttribute_RoundTripsThroughTheParser()
    {
        var v4 = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("203.0.113.7"), 61000));
        var v6 = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("2001:db8::42"), 1));
        var buffer = new byte[512];
        using var integrity = StunIntegrity.FromShortTermPassword(Password);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingError, StunRaw.TransactionId);
        Assert.True(writer.TryAddUsername("abcd:efgh"u8));
        Assert.True(writer.TryAddXorMappedAddress(v6));
        Assert.True(writer.TryAddMappedAddress(v4));
        Assert.True(writer.TryAddPriority(0x6E7F1EFF));
        Assert.True(writer.TryAddUseCandidate());
        Assert.True(writer.TryAddIceControlling(0x0102030405060708));
        Assert.True(writer.TryAddIceControlled(0xF0E0D0C0B0A09080));
        Assert.True(writer.TryAddErrorCode(420, "Unknown Attribute"u8));
        Assert.True(writer.TryAddUnknownAttributes([(StunAttributeType)0x0003, (StunAttributeType)0x7FFF, (StunAttributeType)0x001A]));
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, "gateway"u8));
        Assert.True(writer.TryAddMessageIntegrity(integrity));
        Assert.True(writer.TryAddFingerprint());

        Assert.True(StunMessage.TryParse(writer.Written, out StunMessage message, out StunParseResult result), result.ToString());
        Assert.Equal(StunMessageType.BindingError, message.Type);
        StunBytes.Equal(StunRaw.TransactionId, message.TransactionId, "transaction id");
        Assert.True(message.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal("abcd:efgh", Encoding.ASCII.GetString(username));
        Assert.True(message.TryGetXorMappedAddress(out StunAddress xorMapped));
        Assert.Equal(v6, xorMapped);
        Assert.True(message.TryGetMappedAddress(out StunAddress mapped));
        Assert.Equal(v4, mapped);
        Assert.True(message.TryGetPriority(out uint priority));
        Assert.Equal(0x6E7F1EFFu, priority);
        Assert.True(message.HasUseCandidate);
        Assert.True(message.TryGetIceControlling(out ulong controlling));
        Assert.Equal(0x0102030405060708ul, controlling);
        Assert.True(message.TryGetIceControlled(out ulong controlled));
        Assert.Equal(0xF0E0D0C0B0A09080ul, controlled);
        Assert.True(message.TryGetErrorCode(out StunErrorCode error));
        Assert.Equal(420, error.Code);
        Assert.Equal("Unknown Attribute", Encoding.ASCII.GetString(error.Reason));
        Assert.True(message.TryGetUnknownAttributes(out StunUnknownAttributes unknown));
        Assert.Equal(3, unknown.Count);
        Assert.Equal((StunAttributeType)0x7FFF, unknown[1]);
        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out ReadOnlySpan<byte> software));
        Assert.Equal("gateway", Encoding.ASCII.GetString(software));
        Assert.Equal(StunCheckResult.Valid, message.VerifyMessageIntegrity(integrity));
        Assert.Equal(StunCheckResult.Valid, message.VerifyFingerprint());
    }

    [Fact]
    public void LengthField_IsRightAfterEveryStep_AndPaddingIsZero()
    {
        var buffer = new byte[256];
        buffer.AsSpan().Fill(0xAA);
        using var integrity = StunIntegrity.FromShortTermPassword(Password);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
        AssertComplete(writer.Written);
        Assert.True(writer.TryAddUsername("a:b"u8));
        AssertComplete(writer.Written);
        Assert.Equal([0x61, 0x3A, 0x62, 0x00], writer.Written[24..28].ToArray());
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, "12345"u8));
        AssertComplete(writer.Written);
        Assert.Equal([0x31, 0x32, 0x33, 0x34, 0x35, 0, 0, 0], writer.Written[32..40].ToArray());
        Assert.True(writer.TryAddMessageIntegrity(integrity));
        AssertComplete(writer.Written);
        Assert.True(writer.TryAddFingerprint());
        AssertComplete(writer.Written);
        Assert.Equal(20 + 8 + 12 + 24 + 8, writer.Length);

        static void AssertComplete(ReadOnlySpan<byte> written)
        {
            Assert.Equal(written.Length - 20, BinaryPrimitives.ReadUInt16BigEndian(written[2..]));
            Assert.True(StunMessage.TryParse(written, out StunMessage message, out StunParseResult result), result.ToString());
            Assert.Equal(written.Length, message.Length);
        }
    }

    [Fact]
    public void MessageIntegrity_MatchesAnIndependentHmacOverTheAdjustedMessage()
    {
        var buffer = new byte[128];
        using var integrity = StunIntegrity.FromShortTermPassword(Password);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
        Assert.True(writer.TryAddUsername("abcd:efgh"u8));
        int before = writer.Length;
        Assert.True(writer.TryAddMessageIntegrity(integrity));
        Assert.True(writer.TryAddFingerprint());

        byte[] text = writer.Written[..before].ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(text.AsSpan(2), (ushort)(before + 24 - 20));
#pragma warning disable CA5350 // Weak cryptographic algorithm: HMAC-SHA1 is what MESSAGE-INTEGRITY is.
        byte[] expected = HMACSHA1.HashData(Password, text);
#pragma warning restore CA5350
        StunBytes.Equal(expected, writer.Written.Slice(before + 4, 20), "MESSAGE-INTEGRITY");

        uint crc = StunBytes.BitwiseCrc32(writer.Written[..(writer.Length - 8)]) ^ 0x5354554E;
        Assert.Equal(crc, BinaryPrimitives.ReadUInt32BigEndian(writer.Written[(writer.Length - 4)..]));
    }

    [Fact]
    public void AfterMessageIntegrity_OnlyFingerprintMayFollow()
    {
        var buffer = new byte[256];
        using var integrity = StunIntegrity.FromShortTermPassword(Password);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
        Assert.True(writer.TryAddMessageIntegrity(integrity));
        int length = writer.Length;
        Assert.False(writer.TryAddPriority(1));
        Assert.False(writer.TryAddUseCandidate());
        Assert.False(writer.TryAddAttribute(StunAttributeType.Software, "x"u8));
        Assert.False(writer.TryAddMessageIntegrity(integrity));
        Assert.Equal(length, writer.Length);
        Assert.True(writer.TryAddFingerprint());
    }

    [Fact]
    public void AfterFingerprint_NothingMayFollow()
    {
        var buffer = new byte[256];
        using var integrity = StunIntegrity.FromShortTermPassword(Password);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
        Assert.True(writer.TryAddFingerprint());
        int length = writer.Length;
        Assert.False(writer.TryAddPriority(1));
        Assert.False(writer.TryAddMessageIntegrity(integrity));
        Assert.False(writer.TryAddFingerprint());
        Assert.Equal(length, writer.Length);
    }

    [Fact]
    public void TooSmallABuffer_FailsAtTheStepThatDoesNotFit_AndKeepsWhatWasWritten()
    {
        // Needs 20 + 16 (USERNAME) + 24 + 8 = 68 bytes.
        using var integrity = StunIntegrity.FromShortTermPassword(Password);
        for (int size = 20; size <= 68; size++)
        {
            var buffer = new byte[size];
            var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
            bool username = writer.TryAddUsername("abcd:efghijk"u8);
            Assert.Equal(size >= 36, username);
            bool mi = username && writer.TryAddMessageIntegrity(integrity);
            Assert.Equal(size >= 60, mi);
            bool fp = mi && writer.TryAddFingerprint();
            Assert.Equal(size >= 68, fp);
            Assert.True(StunMessage.TryParse(writer.Written, out _), $"size {size}: what was written is a message");
        }
    }

    [Fact]
    public void CallerBugs_Throw()
    {
        var buffer = new byte[64];
        Assert.Throws<ArgumentException>(() => new StunMessageWriter(buffer, StunMessageType.BindingRequest, new byte[11]));
        Assert.Throws<ArgumentException>(() => new StunMessageWriter(new byte[19], StunMessageType.BindingRequest, StunRaw.TransactionId));
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
            writer.TryAddAttribute(StunAttributeType.MessageIntegrity, new byte[20]);
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
            writer.TryAddXorMappedAddress(default);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new StunMessageWriter(buffer, StunMessageType.BindingError, StunRaw.TransactionId);
            writer.TryAddErrorCode(299, []);
        });
    }

    [Fact]
    public void BindingSuccessHelper_WritesXorMappedAddressIntegrityAndFingerprint()
    {
        var source = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("198.51.100.23"), 50000));
        var buffer = new byte[128];
        using var integrity = StunIntegrity.FromShortTermPassword(Password);
        Assert.True(StunBindingResponse.TryWriteSuccess(buffer, StunRaw.TransactionId, source, integrity, out int written));
        Assert.Equal(20 + 12 + 24 + 8, written);
        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, written), out StunMessage message));
        Assert.Equal(StunMessageType.BindingSuccess, message.Type);
        Assert.True(message.TryGetXorMappedAddress(out StunAddress mapped));
        Assert.Equal(source, mapped);
        Assert.Equal(StunCheckResult.Valid, message.VerifyMessageIntegrity(integrity));
        Assert.Equal(StunCheckResult.Valid, message.VerifyFingerprint());

        Assert.False(StunBindingResponse.TryWriteSuccess(buffer.AsSpan(0, written - 1), StunRaw.TransactionId, source, integrity, out int none));
        Assert.Equal(0, none);
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(401, "Unauthenticated")]
    [InlineData(487, "Role Conflict")]
    public void BindingErrorHelper_WritesTheCodeAndItsReasonPhrase(int code, string reason)
    {
        var buffer = new byte[128];
        Assert.True(StunBindingResponse.TryWriteError(buffer, StunRaw.TransactionId, code, integrity: null, out int written));
        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, written), out StunMessage message));
        Assert.Equal(StunMessageType.BindingError, message.Type);
        Assert.True(message.TryGetErrorCode(out StunErrorCode error));
        Assert.Equal(code, error.Code);
        Assert.Equal(reason, Encoding.ASCII.GetString(error.Reason));
        Assert.False(message.HasMessageIntegrity);
        Assert.Equal(StunCheckResult.Valid, message.VerifyFingerprint());
    }
}
