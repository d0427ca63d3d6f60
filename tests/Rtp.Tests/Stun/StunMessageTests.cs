using System.Buffers.Binary;
using System.Text;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>The parser's framing rules, attribute-order rules and typed accessors, one failure value at a time.</summary>
public sealed class StunMessageTests
{
    private const ushort BindingRequest = 0x0001;

    [Fact]
    public void TryParse_FewerThanTwentyBytes_IsTooShort()
    {
        for (int length = 0; length < 20; length++)
        {
            Assert.False(StunMessage.TryParse(Rfc5769Vectors.SampleRequest.AsSpan(0, length), out StunMessage message, out StunParseResult result));
            Assert.Equal(StunParseResult.TooShort, result);
            Assert.Equal(0, message.Length);
        }
    }

    [Theory]
    [InlineData(0, 0x40)]
    [InlineData(0, 0x80)]
    [InlineData(4, 0x01)]
    [InlineData(7, 0x80)]
    public void TryParse_TopBitsSetOrCookieWrong_IsNotStun(int offset, int flip)
    {
        byte[] message = Rfc5769Vectors.SampleRequest.ToArray();
        message[offset] ^= (byte)flip;
        Assert.False(StunMessage.TryParse(message, out _, out StunParseResult result));
        Assert.Equal(StunParseResult.NotStun, result);
    }

    [Fact]
    public void TryParse_RtpPacket_IsNotStun()
    {
        byte[] rtp = [0x80, 0x6F, 0x00, 0x01, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4, 5, 6, 7, 8];
        Assert.False(StunMessage.TryParse(rtp, out _, out StunParseResult result));
        Assert.Equal(StunParseResult.NotStun, result);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x5A)]
    [InlineData(0x5C)] // one word more than the buffer holds
    [InlineData(0xFFFC)]
    public void TryParse_LengthOddOrPastTheBuffer_IsBadLength(int length)
    {
        byte[] message = Rfc5769Vectors.SampleRequest.ToArray();
        StunRaw.SetLength(message, length);
        Assert.False(StunMessage.TryParse(message, out _, out StunParseResult result));
        Assert.Equal(StunParseResult.BadLength, result);
    }

    [Fact]
    public void TryParse_AttributeRunningPastTheEnd_IsBadAttribute()
    {
        byte[] message = StunRaw.Message(BindingRequest, (0x8022, [1, 2, 3, 4, 5, 6, 7, 8]));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(22), 9); // value 9 bytes, padded 12, only 8 there
        Assert.False(StunMessage.TryParse(message, out _, out StunParseResult result));
        Assert.Equal(StunParseResult.BadAttribute, result);
    }

    [Fact]
    public void TryParse_HeaderLengthCuttingAnAttribute_IsBadAttribute()
    {
        byte[] message = StunRaw.Message(BindingRequest, (0x8022, [1, 2, 3, 4, 5, 6, 7, 8]));
        StunRaw.SetLength(message, 4);
        Assert.False(StunMessage.TryParse(message, out _, out StunParseResult result));
        Assert.Equal(StunParseResult.BadAttribute, result);
    }

    [Theory]
    [InlineData(0x0008, 16)]
    [InlineData(0x0008, 24)]
    [InlineData(0x8028, 8)]
    [InlineData(0x8028, 0)]
    [InlineData(0x001C, 12)]
    [InlineData(0x001C, 18)]
    [InlineData(0x001C, 36)]
    public void TryParse_IntegrityOrFingerprintOfTheWrongSize_IsBadAttributeLength(int type, int length)
    {
        byte[] message = StunRaw.Message(BindingRequest, (type, new byte[length]));
        Assert.False(StunMessage.TryParse(message, out _, out StunParseResult result));
        Assert.Equal(StunParseResult.BadAttributeLength, result);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(28)]
    [InlineData(32)]
    public void TryParse_MessageIntegritySha256OfAnAllowedSize_IsAccepted(int length)
    {
        byte[] message = StunRaw.Message(BindingRequest, (0x001C, new byte[length]));
        Assert.True(StunMessage.TryParse(message, out StunMessage parsed));
        Assert.True(parsed.HasMessageIntegritySha256);
        Assert.False(parsed.HasMessageIntegrity);
    }

    [Fact]
    public void TryParse_AnythingAfterFingerprint_IsRefused()
    {
        byte[] message = StunRaw.Message(BindingRequest, (0x8028, new byte[4]), (0x8022, [0x41]));
        Assert.False(StunMessage.TryParse(message, out _, out StunParseResult result));
        Assert.Equal(StunParseResult.AttributeAfterFingerprint, result);
    }

    [Fact]
    public void Attributes_AfterMessageIntegrity_AreIgnoredButFingerprintCounts()
    {
        // RFC 8489 §14.5: "agents MUST ignore all other attributes that follow MESSAGE-INTEGRITY", except
        // MESSAGE-INTEGRITY-SHA256 and FINGERPRINT. MESSAGE-INTEGRITY covers only what precedes it, so it
        // still verifies after the extra attribute is added.
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunRaw.TransactionId);
        Assert.True(writer.TryAddUsername("abcd:efgh"u8));
        using var integrity = StunIntegrity.FromShortTermPassword("0123456789abcdefghijkl"u8);
        Assert.True(writer.TryAddMessageIntegrity(integrity));
        byte[] message = StunRaw.Append(writer.Written.ToArray(), StunRaw.Attribute(0x0024, [0, 0, 0, 7]));
        message = StunRaw.Append(message, StunRaw.Attribute(0x0008, new byte[20]));
        message = StunRaw.Append(message, StunRaw.Attribute(0x001C, new byte[32]));
        message = StunRaw.Append(message, StunRaw.Attribute(0x0025, []));
        message = StunRaw.AppendFingerprint(message);

        Assert.True(StunMessage.TryParse(message, out StunMessage parsed));
        var types = new List<StunAttributeType>();
        foreach (StunAttribute attribute in parsed.Attributes)
        {
            types.Add(attribute.Type);
        }

        Assert.Equal([StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.MessageIntegritySha256, StunAttributeType.Fingerprint], types);
        Assert.False(parsed.TryGetPriority(out _));
        Assert.False(parsed.HasUseCandidate);
        Assert.Equal(StunCheckResult.Valid, parsed.VerifyMessageIntegrity(integrity));
        Assert.Equal(StunCheckResult.Valid, parsed.VerifyFingerprint());
    }

    [Fact]
    public void Attributes_MessageIntegrityAfterTheSha256One_IsIgnored()
    {
        byte[] message = StunRaw.Message(BindingRequest, (0x001C, new byte[32]), (0x0008, new byte[20]));
        Assert.True(StunMessage.TryParse(message, out StunMessage parsed));
        Assert.True(parsed.HasMessageIntegritySha256);
        Assert.False(parsed.HasMessageIntegrity);
        using var integrity = StunIntegrity.FromKey([1]);
        Assert.Equal(StunCheckResult.Absent, parsed.VerifyMessageIntegrity(integrity));
    }

    [Fact]
    public void TryParse_BytesBeyondTheDeclaredLength_AreNotPartOfTheMessage()
    {
        byte[] buffer = [.. Rfc5769Vectors.SampleRequest, 0xDE, 0xAD, 0xBE, 0xEF];
        Assert.True(StunMessage.TryParse(buffer, out StunMessage message));
        Assert.Equal(Rfc5769Vectors.SampleRequest.Length, message.Length);
        Assert.Equal(StunCheckResult.Valid, message.VerifyFingerprint());
    }

    [Fact]
    public void TryParse_HeaderOnly_IsAnEmptyMessage()
    {
        byte[] message = StunRaw.Message(0x0011);
        Assert.True(StunMessage.TryParse(message, out StunMessage parsed));
        Assert.Equal(StunMessageType.BindingIndication, parsed.Type);
        Assert.False(parsed.Attributes.MoveNext());
        Assert.False(parsed.HasFingerprint);
    }

    [Fact]
    public void DefaultMessage_AnswersEveryAccessorWithoutThrowing()
    {
        StunMessage message = default;
        Assert.Equal(0, message.Length);
        Assert.Equal(default, message.Type);
        Assert.True(message.TransactionId.IsEmpty);
        Assert.False(message.Attributes.MoveNext());
        Assert.False(message.TryGetUsername(out _));
        Assert.False(message.TryGetXorMappedAddress(out _));
        Assert.Equal(StunCheckResult.Absent, message.VerifyFingerprint());
        using var integrity = StunIntegrity.FromKey([1]);
        Assert.Equal(StunCheckResult.Absent, message.VerifyMessageIntegrity(integrity));
    }

    [Fact]
    public void TryGetAttribute_ReturnsTheFirstOccurrence()
    {
        byte[] message = StunRaw.Message(BindingRequest, (0x8022, [1]), (0x8022, [2]));
        Assert.True(StunMessage.TryParse(message, out StunMessage parsed));
        Assert.True(parsed.TryGetAttribute(StunAttributeType.Software, out ReadOnlySpan<byte> value));
        Assert.Equal([1], value.ToArray());
    }

    [Fact]
    public void TryGetUsername_LongerThan512Bytes_IsRefused()
    {
        Assert.True(StunMessage.TryParse(StunRaw.Message(BindingRequest, (0x0006, new byte[512])), out StunMessage ok));
        Assert.True(ok.TryGetUsername(out _));
        Assert.True(StunMessage.TryParse(StunRaw.Message(BindingRequest, (0x0006, new byte[513])), out StunMessage tooLong));
        Assert.False(tooLong.TryGetUsername(out _));
    }

    [Fact]
    public void TryGetErrorCode_DecodesClassNumberAndReason()
    {
        byte[] value = [0, 0, 4, 87, .. "Role Conflict"u8];
        Assert.True(StunMessage.TryParse(StunRaw.Message(0x0111, (0x0009, value)), out StunMessage message));
        Assert.True(message.TryGetErrorCode(out StunErrorCode error));
        Assert.Equal(487, error.Code);
        Assert.Equal(4, error.Class);
        Assert.Equal(87, error.Number);
        Assert.Equal("Role Conflict", Encoding.UTF8.GetString(error.Reason));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(7, 0)]
    [InlineData(4, 100)]
    public void TryGetErrorCode_ClassOrNumberOutOfRange_IsRefused(int errorClass, int number)
    {
        byte[] value = [0, 0, (byte)errorClass, (byte)number];
        Assert.True(StunMessage.TryParse(StunRaw.Message(0x0111, (0x0009, value)), out StunMessage message));
        Assert.False(message.TryGetErrorCode(out _));
    }

    [Fact]
    public void TryGetErrorCode_ShorterThanFourBytes_IsRefused()
    {
        Assert.True(StunMessage.TryParse(StunRaw.Message(0x0111, (0x0009, [0, 0, 4])), out StunMessage message));
        Assert.False(message.TryGetErrorCode(out _));
    }

    [Fact]
    public void TryGetUnknownAttributes_ListsTheTypes()
    {
        Assert.True(StunMessage.TryParse(StunRaw.Message(0x0111, (0x000A, [0x00, 0x03, 0x7F, 0xFF, 0x00, 0x1A])), out StunMessage message));
        Assert.True(message.TryGetUnknownAttributes(out StunUnknownAttributes unknown));
        Assert.Equal(3, unknown.Count);
        Assert.Equal((StunAttributeType)0x0003, unknown[0]);
        Assert.Equal((StunAttributeType)0x7FFF, unknown[1]);
        Assert.Equal((StunAttributeType)0x001A, unknown[2]);
    }

    [Fact]
    public void TryGetUnknownAttributes_OddLength_IsRefused()
    {
        Assert.True(StunMessage.TryParse(StunRaw.Message(0x0111, (0x000A, [0x00, 0x03, 0x7F])), out StunMessage message));
        Assert.False(message.TryGetUnknownAttributes(out _));
    }

    [Theory]
    [InlineData(0x0024, 3)]
    [InlineData(0x0024, 8)]
    [InlineData(0x802A, 4)]
    [InlineData(0x8029, 12)]
    public void FixedSizeAttributes_OfTheWrongSize_AreRefused(int type, int length)
    {
        Assert.True(StunMessage.TryParse(StunRaw.Message(BindingRequest, (type, new byte[length])), out StunMessage message));
        Assert.False(message.TryGetPriority(out _));
        Assert.False(message.TryGetIceControlling(out _));
        Assert.False(message.TryGetIceControlled(out _));
    }

    [Theory]
    [InlineData(new byte[] { 0, 3, 0, 1, 1, 2, 3, 4 })] // unknown family
    [InlineData(new byte[] { 0, 1, 0, 1, 1, 2, 3 })] // IPv4, 3 address bytes
    [InlineData(new byte[] { 0, 1, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 })] // IPv4 family, 8 address bytes
    [InlineData(new byte[] { 0, 2, 0, 1, 1, 2, 3, 4 })] // IPv6 family, 4 address bytes
    [InlineData(new byte[] { 0, 1 })]
    public void TryGetXorMappedAddress_Malformed_IsRefused(byte[] value)
    {
        Assert.True(StunMessage.TryParse(StunRaw.Message(0x0101, (0x0020, value), (0x0001, value)), out StunMessage message));
        Assert.False(message.TryGetXorMappedAddress(out StunAddress address));
        Assert.Equal(StunAddressFamily.Unspecified, address.Family);
        Assert.False(message.TryGetMappedAddress(out _));
    }

    [Fact]
    public void TryGetMappedAddress_IsNotXored()
    {
        Assert.True(StunMessage.TryParse(StunRaw.Message(0x0101, (0x0001, [0xFF, 1, 0x0D, 0x96, 203, 0, 113, 9])), out StunMessage message));
        Assert.True(message.TryGetMappedAddress(out StunAddress address));
        Assert.Equal(StunAddressFamily.IPv4, address.Family);
        Assert.Equal(3478, address.Port);
        Assert.Equal([203, 0, 113, 9], address.Address.ToArray());
    }
}
