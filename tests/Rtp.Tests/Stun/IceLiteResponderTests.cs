using System.Net;
using System.Text;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>The ICE-lite responder: what it answers, what it refuses, and what it tells the session layer.</summary>
public sealed class IceLiteResponderTests : IDisposable
{
    private static readonly StunAddress Source = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 54321));

    private readonly IceLiteResponder _responder = new(IceRequests.LocalUfrag, IceRequests.LocalPassword);
    private readonly StunIntegrity _localIntegrity = StunIntegrity.FromShortTermPassword(Encoding.ASCII.GetBytes(IceRequests.LocalPassword));
    private readonly byte[] _response = new byte[IceLiteResponder.MaxResponseLength];

    public void Dispose()
    {
        _responder.Dispose();
        _localIntegrity.Dispose();
    }

    [Fact]
    public void Respond_BrowserCheck_WritesAnAuthenticatedSuccessWithTheSourceAddress()
    {
        byte[] request = IceRequests.Build();
        Assert.Equal(IceLiteResult.Responded, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        Assert.Equal(IceRequests.RemoteUfrag, Encoding.ASCII.GetString(binding.RemoteUfrag));
        Assert.True(binding.UseCandidate);
        Assert.Equal(0x6E7F1EFFu, binding.Priority);

        StunMessage response = ParseResponse(binding, StunMessageType.BindingSuccess);
        Assert.True(response.TryGetXorMappedAddress(out StunAddress mapped));
        Assert.Equal(Source, mapped);
        Assert.Equal(StunCheckResult.Valid, response.VerifyMessageIntegrity(_localIntegrity));
        Assert.Equal(StunCheckResult.Valid, response.VerifyFingerprint());
        Assert.False(response.TryGetUsername(out _), "RFC 8489 §9.1.3: the response MUST NOT contain USERNAME");
    }

    [Fact]
    public void Respond_IPv6Source_ReportsIt()
    {
        var source = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("2001:db8:85a3::8a2e:370:7334"), 443));
        Assert.Equal(IceLiteResult.Responded, _responder.Respond(IceRequests.Build(), source, _response, out IceLiteBinding binding));
        Assert.Equal(20 + 24 + 24 + 8, binding.ResponseLength);
        Assert.True(ParseResponse(binding, StunMessageType.BindingSuccess).TryGetXorMappedAddress(out StunAddress mapped));
        Assert.Equal(source, mapped);
    }

    [Fact]
    public void Respond_CheckWithoutUseCandidateOrFingerprint_IsAnsweredWithoutNomination()
    {
        byte[] request = IceRequests.Build(useCandidate: false, fingerprint: false);
        Assert.Equal(IceLiteResult.Responded, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        Assert.False(binding.UseCandidate);
        Assert.Equal(StunCheckResult.Valid, ParseResponse(binding, StunMessageType.BindingSuccess).VerifyFingerprint());
    }

    [Fact]
    public void Respond_ResponseKeepsTheRequestsTransactionId()
    {
        byte[] transactionId = [0xB7, 0xE7, 0xA7, 0x01, 0xBC, 0x34, 0xD6, 0x86, 0xFA, 0x87, 0xDF, 0xAE];
        Assert.Equal(IceLiteResult.Responded, _responder.Respond(IceRequests.Build(transactionId: transactionId), Source, _response, out IceLiteBinding binding));
        StunBytes.Equal(transactionId, ParseResponse(binding, StunMessageType.BindingSuccess).TransactionId, "transaction id");
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Respond_MissingUsernameOrIntegrity_Is400WithoutIntegrity(bool withUsername, bool withIntegrity)
    {
        byte[] request = IceRequests.Build(
            username: withUsername ? IceRequests.LocalUfrag + ":" + IceRequests.RemoteUfrag : null,
            password: withIntegrity ? IceRequests.LocalPassword : null);
        Assert.Equal(IceLiteResult.BadRequest, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        AssertError(binding, 400, withIntegrity: false);
        Assert.True(binding.RemoteUfrag.IsEmpty);
    }

    [Fact]
    public void Respond_OnlyMessageIntegritySha256_Is400()
    {
        byte[] request = StunRaw.CheckWithOnlyIntegritySha256();
        Assert.Equal(IceLiteResult.BadRequest, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        AssertError(binding, 400, withIntegrity: false);
    }

    [Theory]
    [InlineData("wxyz:" + IceRequests.RemoteUfrag)]
    [InlineData(IceRequests.LocalUfrag + ":")]
    [InlineData(IceRequests.LocalUfrag)]
    [InlineData(IceRequests.LocalUfrag + IceRequests.RemoteUfrag)]
    [InlineData(IceRequests.RemoteUfrag + ":" + IceRequests.LocalUfrag)] // the ufrags the wrong way round
    [InlineData("gW7:k" + IceRequests.RemoteUfrag)]
    public void Respond_UsernameNotForUs_Is401WithoutIntegrity(string username)
    {
        byte[] request = IceRequests.Build(username: username);
        Assert.Equal(IceLiteResult.BadUsername, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        AssertError(binding, 401, withIntegrity: false);
    }

    [Fact]
    public void Respond_WrongPassword_Is401WithoutIntegrity()
    {
        byte[] request = IceRequests.Build(password: "xJ2m9Qp4Lr8Vz1Nc6Tb3Ht");
        Assert.Equal(IceLiteResult.BadIntegrity, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        AssertError(binding, 401, withIntegrity: false);
        Assert.True(binding.RemoteUfrag.IsEmpty);
        Assert.False(binding.UseCandidate);
    }

    [Fact]
    public void Respond_BadFingerprint_IsDroppedSilently()
    {
        byte[] request = IceRequests.Build();
        request[^1] ^= 1;
        Assert.Equal(IceLiteResult.BadFingerprint, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        Assert.Equal(0, binding.ResponseLength);
    }

    [Fact]
    public void Respond_UnknownComprehensionRequiredAttributes_Is420ListingThem()
    {
        byte[] request = IceRequests.Build(extra: [(0x0003, [0, 0, 0, 0]), (0x7FFF, [1]), (0x0003, [0, 0, 0, 4]), (0xC0DE, [2])]);
        Assert.Equal(IceLiteResult.UnknownAttributes, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        StunMessage response = AssertError(binding, 420, withIntegrity: true);
        Assert.True(response.TryGetUnknownAttributes(out StunUnknownAttributes unknown));
        Assert.Equal(2, unknown.Count);
        Assert.Equal((StunAttributeType)0x0003, unknown[0]);
        Assert.Equal((StunAttributeType)0x7FFF, unknown[1]);
        Assert.Equal(IceRequests.RemoteUfrag, Encoding.ASCII.GetString(binding.RemoteUfrag));
    }

    [Fact]
    public void Respond_ManyUnknownAttributes_ListsAtMostTheCap()
    {
        var extra = new (int Type, byte[] Value)[20];
        for (int i = 0; i < extra.Length; i++)
        {
            extra[i] = (0x0100 + i, [(byte)i]);
        }

        byte[] request = IceRequests.Build(extra: extra);
        Assert.Equal(IceLiteResult.UnknownAttributes, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        StunMessage response = AssertError(binding, 420, withIntegrity: true);
        Assert.True(response.TryGetUnknownAttributes(out StunUnknownAttributes unknown));
        Assert.Equal(IceLiteResponder.MaxReportedUnknownAttributes, unknown.Count);
        Assert.Equal(IceLiteResponder.MaxResponseLength, binding.ResponseLength);
    }

    [Fact]
    public void Respond_PeerClaimingControlled_Is487WithIntegrity()
    {
        byte[] request = IceRequests.Build(controlling: false, controlled: true);
        Assert.Equal(IceLiteResult.RoleConflict, _responder.Respond(request, Source, _response, out IceLiteBinding binding));
        AssertError(binding, 487, withIntegrity: true);
        Assert.False(binding.UseCandidate);
    }

    [Fact]
    public void Respond_Rfc5769SampleRequest_IsARoleConflict()
    {
        // §2.1 is a check from a controlled agent to "evtj"; a lite agent answers it with 487.
        using var responder = new IceLiteResponder("evtj", Rfc5769Vectors.ShortTermPassword);
        Assert.Equal(IceLiteResult.RoleConflict, responder.Respond(Rfc5769Vectors.SampleRequest, Source, _response, out IceLiteBinding binding));
        Assert.Equal("h6vY", Encoding.ASCII.GetString(binding.RemoteUfrag));
        Assert.True(StunMessage.TryParse(_response.AsSpan(0, binding.ResponseLength), out StunMessage response));
        StunBytes.Equal(Rfc5769Vectors.TransactionId, response.TransactionId, "transaction id");
        using var integrity = StunIntegrity.FromShortTermPassword(Encoding.ASCII.GetBytes(Rfc5769Vectors.ShortTermPassword));
        Assert.Equal(StunCheckResult.Valid, response.VerifyMessageIntegrity(integrity));
    }

    [Theory]
    [InlineData(StunMessageClass.Indication)]
    [InlineData(StunMessageClass.SuccessResponse)]
    [InlineData(StunMessageClass.ErrorResponse)]
    public void Respond_BindingOtherThanRequest_IsNotAnswered(StunMessageClass messageClass)
    {
        byte[] message = IceRequests.Build(type: new StunMessageType(StunMessageType.BindingMethod, messageClass));
        Assert.Equal(IceLiteResult.NotBindingRequest, _responder.Respond(message, Source, _response, out IceLiteBinding binding));
        Assert.Equal(0, binding.ResponseLength);
    }

    [Fact]
    public void Respond_OtherMethod_IsNotAnswered()
    {
        byte[] message = IceRequests.Build(type: new StunMessageType(0x003, StunMessageClass.Request));
        Assert.Equal(IceLiteResult.NotBindingRequest, _responder.Respond(message, Source, _response, out _));
    }

    [Fact]
    public void Respond_NotStunOrMalformed_IsNotAnswered()
    {
        byte[] rtp = [0x80, 0x6F, 0x00, 0x01, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        Assert.Equal(IceLiteResult.NotStun, _responder.Respond(rtp, Source, _response, out IceLiteBinding binding));
        Assert.Equal(0, binding.ResponseLength);
        Assert.Equal(IceLiteResult.NotStun, _responder.Respond([], Source, _response, out _));

        byte[] truncated = IceRequests.Build()[..40];
        Assert.Equal(IceLiteResult.Malformed, _responder.Respond(truncated, Source, _response, out binding));
        Assert.Equal(0, binding.ResponseLength);
    }

    [Fact]
    public void Respond_ResponseBufferTooSmall_WritesNothing()
    {
        var small = new byte[IceLiteResponder.MaxResponseLength - 1];
        Assert.Equal(IceLiteResult.ResponseBufferTooSmall, _responder.Respond(IceRequests.Build(), Source, small, out IceLiteBinding binding));
        Assert.Equal(0, binding.ResponseLength);
        Assert.All(small, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Respond_CallerBugs_Throw()
    {
        byte[] request = IceRequests.Build();
        Assert.Throws<ArgumentException>(() => _responder.Respond(request, default, _response, out _));
        var shared = new byte[512];
        request.CopyTo(shared, 0);
        Assert.Throws<ArgumentException>(() => _responder.Respond(shared.AsSpan(0, request.Length), Source, shared.AsSpan(request.Length - 4), out _));
    }

    [Theory]
    [InlineData("abc", IceRequests.LocalPassword, "localUfrag")]
    [InlineData("ab:c", IceRequests.LocalPassword, "localUfrag")]
    [InlineData(IceRequests.LocalUfrag, "tooShort1234567890abc", "localPassword")]
    [InlineData(IceRequests.LocalUfrag, "xJ2m9Qp4Lr8Vz1Nc6Tb3H-", "localPassword")]
    public void Constructor_CredentialsOutsideIceChars_Throw_WithoutEchoingThePassword(string ufrag, string password, string parameter)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new IceLiteResponder(ufrag, password));
        Assert.Equal(parameter, error.ParamName);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
    }

    private StunMessage ParseResponse(in IceLiteBinding binding, StunMessageType expectedType)
    {
        Assert.True(binding.ResponseLength > 0, "no response written");
        Assert.True(StunMessage.TryParse(_response.AsSpan(0, binding.ResponseLength), out StunMessage response, out StunParseResult result), result.ToString());
        Assert.Equal(binding.ResponseLength, response.Length);
        Assert.Equal(expectedType, response.Type);
        return response;
    }

    private StunMessage AssertError(in IceLiteBinding binding, int code, bool withIntegrity)
    {
        StunMessage response = ParseResponse(binding, StunMessageType.BindingError);
        Assert.True(response.TryGetErrorCode(out StunErrorCode error));
        Assert.Equal(code, error.Code);
        Assert.Equal(withIntegrity, response.HasMessageIntegrity);
        if (withIntegrity)
        {
            Assert.Equal(StunCheckResult.Valid, response.VerifyMessageIntegrity(_localIntegrity));
        }

        Assert.Equal(StunCheckResult.Valid, response.VerifyFingerprint());
        return response;
    }
}
