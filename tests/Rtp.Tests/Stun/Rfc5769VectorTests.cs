using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>
/// RFC 5769's vectors parse, their MESSAGE-INTEGRITY and FINGERPRINT verify, their attributes decode to the
/// values the RFC states, and the writer rebuilds each one byte for byte.
/// </summary>
public sealed class Rfc5769VectorTests
{
    private static readonly byte[] ShortTermPassword = Encoding.ASCII.GetBytes(Rfc5769Vectors.ShortTermPassword);

    [Fact]
    public void SampleRequest_ParsesToTheAttributesTheRfcLists()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleRequest, out StunMessage message, out StunParseResult result));
        Assert.Equal(StunParseResult.Success, result);
        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.Equal(Rfc5769Vectors.SampleRequest.Length, message.Length);
        StunBytes.Equal(Rfc5769Vectors.TransactionId, message.TransactionId, "transaction id");

        var types = new List<StunAttributeType>();
        foreach (StunAttribute attribute in message.Attributes)
        {
            types.Add(attribute.Type);
        }

        Assert.Equal(
            [StunAttributeType.Software, StunAttributeType.Priority, StunAttributeType.IceControlled, StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint],
            types);

        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out ReadOnlySpan<byte> software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(username));
        Assert.True(message.TryGetPriority(out uint priority));
        Assert.Equal(0x6e0001ffu, priority);
        Assert.True(message.TryGetIceControlled(out ulong tieBreaker));
        Assert.Equal(0x932ff9b151263b36ul, tieBreaker);
        Assert.False(message.TryGetIceControlling(out _));
        Assert.False(message.HasUseCandidate);
        Assert.True(message.HasMessageIntegrity);
        Assert.False(message.HasMessageIntegritySha256);
        Assert.True(message.HasFingerprint);
    }

    [Theory]
    [MemberData(nameof(ShortTermVectors))]
    public void ShortTermVector_IntegrityAndFingerprintVerify(string name, byte[] vector)
    {
        Assert.True(StunMessage.TryParse(vector, out StunMessage message), name);
        using var integrity = StunIntegrity.FromShortTermPassword(ShortTermPassword);
        Assert.Equal(StunCheckResult.Valid, message.VerifyMessageIntegrity(integrity));
        Assert.Equal(StunCheckResult.Valid, message.VerifyFingerprint());

        using var wrong = StunIntegrity.FromShortTermPassword("VOkJxbRl1RmTxUk/WvJxBu"u8);
        Assert.Equal(StunCheckResult.Invalid, message.VerifyMessageIntegrity(wrong));
    }

    [Fact]
    public void SampleIPv4Response_MapsTo192_0_2_1Port32853()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleIPv4Response, out StunMessage message));
        Assert.Equal(StunMessageType.BindingSuccess, message.Type);
        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out ReadOnlySpan<byte> software));
        Assert.Equal("test vector", Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetXorMappedAddress(out StunAddress mapped));
        Assert.Equal(StunAddressFamily.IPv4, mapped.Family);
        Assert.Equal(32853, mapped.Port);
        StunBytes.Equal([192, 0, 2, 1], mapped.Address, "IPv4 address");
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), mapped.ToIPEndPoint());
    }

    [Fact]
    public void SampleIPv6Response_MapsTo2001Db8Port32853()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleIPv6Response, out StunMessage message));
        Assert.Equal(StunMessageType.BindingSuccess, message.Type);
        Assert.True(message.TryGetXorMappedAddress(out StunAddress mapped));
        Assert.Equal(StunAddressFamily.IPv6, mapped.Family);
        Assert.Equal(32853, mapped.Port);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), mapped.ToIPEndPoint());
    }

    [Fact]
    public void LongTermRequest_VerifiesWithTheMd5Key()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.LongTermRequest, out StunMessage message));
        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        StunBytes.Equal(Rfc5769Vectors.LongTermTransactionId, message.TransactionId, "transaction id");
        Assert.True(message.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal(Rfc5769Vectors.LongTermUsername, Encoding.UTF8.GetString(username));
        Assert.True(message.TryGetAttribute(StunAttributeType.Nonce, out ReadOnlySpan<byte> nonce));
        Assert.Equal(Rfc5769Vectors.LongTermNonce, Encoding.UTF8.GetString(nonce));
        Assert.True(message.TryGetAttribute(StunAttributeType.Realm, out ReadOnlySpan<byte> realm));
        Assert.Equal(Rfc5769Vectors.LongTermRealm, Encoding.UTF8.GetString(realm));
        Assert.False(message.HasFingerprint);
        Assert.Equal(StunCheckResult.Absent, message.VerifyFingerprint());

        using var integrity = StunIntegrity.FromKey(LongTermKey(Rfc5769Vectors.LongTermPassword));
        Assert.Equal(StunCheckResult.Valid, message.VerifyMessageIntegrity(integrity));
        using var wrong = StunIntegrity.FromKey(LongTermKey("thematrix"));
        Assert.Equal(StunCheckResult.Invalid, message.VerifyMessageIntegrity(wrong));
    }

    [Fact]
    public void Writer_RebuildsTheSampleRequestByteForByte()
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, Rfc5769Vectors.TransactionId);
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, "STUN test client"u8, padding: 0x20));
        Assert.True(writer.TryAddPriority(0x6e0001ff));
        Assert.True(writer.TryAddIceControlled(0x932ff9b151263b36));
        Assert.True(writer.TryAddAttribute(StunAttributeType.Username, "evtj:h6vY"u8, padding: 0x20));
        using var integrity = StunIntegrity.FromShortTermPassword(ShortTermPassword);
        Assert.True(writer.TryAddMessageIntegrity(integrity));
        Assert.True(writer.TryAddFingerprint());

        StunBytes.Equal(Rfc5769Vectors.SampleRequest, writer.Written, "RFC 5769 §2.1");
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8:1234:5678:11:2233:4455:6677")]
    public void Writer_RebuildsTheSampleResponsesByteForByte(string address)
    {
        byte[] expected = address.Contains(':', StringComparison.Ordinal) ? Rfc5769Vectors.SampleIPv6Response : Rfc5769Vectors.SampleIPv4Response;
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingSuccess, Rfc5769Vectors.TransactionId);
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, "test vector"u8, padding: 0x20));
        Assert.True(writer.TryAddXorMappedAddress(StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse(address), 32853))));
        using var integrity = StunIntegrity.FromShortTermPassword(ShortTermPassword);
        Assert.True(writer.TryAddMessageIntegrity(integrity));
        Assert.True(writer.TryAddFingerprint());

        StunBytes.Equal(expected, writer.Written, $"RFC 5769 response for {address}");
    }

    [Fact]
    public void Writer_RebuildsTheLongTermRequestByteForByte()
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, Rfc5769Vectors.LongTermTransactionId);
        Assert.True(writer.TryAddUsername(Encoding.UTF8.GetBytes(Rfc5769Vectors.LongTermUsername)));
        Assert.True(writer.TryAddAttribute(StunAttributeType.Nonce, Encoding.ASCII.GetBytes(Rfc5769Vectors.LongTermNonce)));
        Assert.True(writer.TryAddAttribute(StunAttributeType.Realm, Encoding.ASCII.GetBytes(Rfc5769Vectors.LongTermRealm)));
        using var integrity = StunIntegrity.FromKey(LongTermKey(Rfc5769Vectors.LongTermPassword));
        Assert.True(writer.TryAddMessageIntegrity(integrity));

        StunBytes.Equal(Rfc5769Vectors.LongTermRequest, writer.Written, "RFC 5769 §2.4");
    }

    public static TheoryData<string, byte[]> ShortTermVectors() => new()
    {
        { "2.1 request", Rfc5769Vectors.SampleRequest },
        { "2.2 IPv4 response", Rfc5769Vectors.SampleIPv4Response },
        { "2.3 IPv6 response", Rfc5769Vectors.SampleIPv6Response },
    };

    /// <summary>RFC 8489 §9.2.2: key = MD5(username ":" realm ":" OpaqueString(password)) — the password here is already prepared.</summary>
    private static byte[] LongTermKey(string password)
    {
#pragma warning disable CA5351 // Broken cryptographic algorithm: MD5 is what the long-term credential mechanism specifies.
        return MD5.HashData(Encoding.UTF8.GetBytes($"{Rfc5769Vectors.LongTermUsername}:{Rfc5769Vectors.LongTermRealm}:{password}"));
#pragma warning restore CA5351
    }
}
