using System.Net;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>
/// Every single-bit change to an authenticated check is caught: MESSAGE-INTEGRITY or FINGERPRINT fails, or
/// the message no longer parses — never a success response.
/// </summary>
public sealed class StunTamperTests
{
    private static readonly StunAddress Source = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.77"), 40000));

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // without FINGERPRINT every flip has to be caught by MESSAGE-INTEGRITY or the framing
    public void EverySingleBitFlip_OfACheck_IsNeverAnswered(bool fingerprint)
    {
        byte[] request = IceRequests.Build(fingerprint: fingerprint);
        int fingerprintOffset = fingerprint ? request.Length - 8 : request.Length;
        using var responder = new IceLiteResponder(IceRequests.LocalUfrag, IceRequests.LocalPassword);
        var response = new byte[IceLiteResponder.MaxResponseLength];
        var outcomes = new Dictionary<IceLiteResult, int>();

        for (int offset = 0; offset < request.Length; offset++)
        {
            // Not covered by this property, by design of RFC 8489: the header's Length (a shorter one can
            // legitimately cut FINGERPRINT off, which is optional) and FINGERPRINT's own type and length
            // (a renamed FINGERPRINT is an attribute after MESSAGE-INTEGRITY, which receivers ignore).
            if (offset is 2 or 3 || (offset >= fingerprintOffset && offset < fingerprintOffset + 4))
            {
                continue;
            }

            for (int bit = 0; bit < 8; bit++)
            {
                byte[] tampered = request.ToArray();
                tampered[offset] ^= (byte)(1 << bit);
                IceLiteResult result = responder.Respond(tampered, Source, response, out _);
                Assert.True(result != IceLiteResult.Responded, $"a flip of bit {bit} at offset {offset} was answered");
                outcomes[result] = outcomes.GetValueOrDefault(result) + 1;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", outcomes.Select(pair => $"{pair.Key}: {pair.Value}")));
    }

    [Fact]
    public void EverySingleBitFlip_BeforeTheIntegrity_FailsIt()
    {
        byte[] request = IceRequests.Build(fingerprint: false);
        int integrityEnd = request.Length;
        using var integrity = StunIntegrity.FromShortTermPassword("xJ2m9Qp4Lr8Vz1Nc6Tb3Hs"u8);

        for (int offset = 0; offset < integrityEnd; offset++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] tampered = request.ToArray();
                tampered[offset] ^= (byte)(1 << bit);
                if (StunMessage.TryParse(tampered, out StunMessage message))
                {
                    Assert.True(message.VerifyMessageIntegrity(integrity) != StunCheckResult.Valid, $"bit {bit} at offset {offset}");
                }
            }
        }
    }

    [Fact]
    public void EverySingleBitFlip_BeforeTheFingerprint_FailsIt()
    {
        // A CRC catches every single-bit error; the header's Length is excluded because changing it changes
        // where the message ends.
        foreach (byte[] vector in new[] { Rfc5769Vectors.SampleRequest, Rfc5769Vectors.SampleIPv4Response, Rfc5769Vectors.SampleIPv6Response })
        {
            for (int offset = 0; offset < vector.Length - 8; offset++)
            {
                if (offset is 2 or 3)
                {
                    continue;
                }

                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] tampered = vector.ToArray();
                    tampered[offset] ^= (byte)(1 << bit);
                    if (StunMessage.TryParse(tampered, out StunMessage message) && message.HasFingerprint)
                    {
                        Assert.True(message.VerifyFingerprint() == StunCheckResult.Invalid, $"bit {bit} at offset {offset}");
                    }
                }
            }
        }
    }

    [Fact]
    public void TamperedIntegrityValue_IsInvalid_AndTamperedFingerprintValue_IsInvalid()
    {
        byte[] request = Rfc5769Vectors.SampleRequest.ToArray();
        request[^20] ^= 0x01; // inside MESSAGE-INTEGRITY's value, which FINGERPRINT covers too
        Assert.True(StunMessage.TryParse(request, out StunMessage message));
        using var integrity = StunIntegrity.FromShortTermPassword("VOkJxbRl1RmTxUk/WvJxBt"u8);
        Assert.Equal(StunCheckResult.Invalid, message.VerifyMessageIntegrity(integrity));
        Assert.Equal(StunCheckResult.Invalid, message.VerifyFingerprint());

        byte[] response = Rfc5769Vectors.SampleIPv4Response.ToArray();
        response[^1] ^= 0x80;
        Assert.True(StunMessage.TryParse(response, out message));
        Assert.Equal(StunCheckResult.Valid, message.VerifyMessageIntegrity(integrity));
        Assert.Equal(StunCheckResult.Invalid, message.VerifyFingerprint());
    }
}
