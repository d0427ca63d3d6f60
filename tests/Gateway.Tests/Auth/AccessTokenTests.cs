using System.Security.Cryptography;
using System.Text;
using Gateway.Auth;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Auth;

public sealed class AccessTokenTests
{
    private const string Room = "room-1";
    private const string Identity = "alice";

    private static readonly ApiSecret Secret = NewSecret();

    [Fact]
    public async Task IssuedToken_Validates_WithItsClaims()
    {
        var token = new AccessTokenIssuer(Secret).Issue(Identity, Room, AccessTokenGrants.Publish | AccessTokenGrants.Subscribe, TimeSpan.FromHours(1));

        var result = await new AccessTokenValidator(Secret).ValidateAsync(token, Room, AccessTokenGrants.Publish);

        Assert.Equal(AccessTokenStatus.Valid, result.Status);
        Assert.True(result.IsValid);
        Assert.Equal(Identity, result.Claims.Identity);
        Assert.Equal(Room, result.Claims.Room);
        Assert.Equal(AccessTokenGrants.Publish | AccessTokenGrants.Subscribe, result.Claims.Grants);
        Assert.InRange(result.Claims.Expires - result.Claims.NotBefore, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task IssuedToken_HasTheDocumentedHeaderAndClaims()
    {
        var token = new AccessTokenIssuer(Secret).Issue(Identity, Room, AccessTokenGrants.Subscribe, TimeSpan.FromMinutes(5));
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);

        var header = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]));
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        Assert.Contains("\"alg\":\"HS256\"", header, StringComparison.Ordinal);
        foreach (var claim in new[] { "\"sub\":\"alice\"", "\"room\":\"room-1\"", "\"iss\":\"gateway\"", "\"aud\":\"gateway\"", "\"grants\":[\"subscribe\"]", "\"exp\":", "\"nbf\":", "\"iat\":" })
        {
            Assert.Contains(claim, payload, StringComparison.Ordinal);
        }

        Assert.True((await new AccessTokenValidator(Secret).ValidateAsync(token)).IsValid);
    }

    [Fact]
    public async Task ExpiredToken_IsExpired()
    {
        var token = new AccessTokenIssuer(Secret, new ShiftedTime(TimeSpan.FromHours(-2))).Issue(Identity, Room, AccessTokenGrants.Publish, TimeSpan.FromHours(1));

        Assert.Equal(AccessTokenStatus.Expired, (await new AccessTokenValidator(Secret).ValidateAsync(token)).Status);
    }

    [Fact]
    public async Task ExpiredWithinTheClockSkew_IsStillValid()
    {
        var token = new AccessTokenIssuer(Secret, new ShiftedTime(TimeSpan.FromSeconds(-70))).Issue(Identity, Room, AccessTokenGrants.Publish, TimeSpan.FromMinutes(1));

        Assert.Equal(AccessTokenStatus.Valid, (await new AccessTokenValidator(Secret).ValidateAsync(token)).Status);
        Assert.Equal(AccessTokenStatus.Expired, (await new AccessTokenValidator(Secret, TimeSpan.Zero).ValidateAsync(token)).Status);
    }

    [Fact]
    public async Task TokenFromTheFuture_IsNotYetValid()
    {
        var token = new AccessTokenIssuer(Secret, new ShiftedTime(TimeSpan.FromHours(1))).Issue(Identity, Room, AccessTokenGrants.Publish, TimeSpan.FromHours(1));

        Assert.Equal(AccessTokenStatus.NotYetValid, (await new AccessTokenValidator(Secret).ValidateAsync(token)).Status);
    }

    [Fact]
    public async Task TamperedSignature_IsBadSignature()
    {
        var token = Issue();
        var last = token[^2] == 'A' ? 'B' : 'A';
        var tampered = token[..^2] + last + token[^1];

        Assert.Equal(AccessTokenStatus.BadSignature, (await new AccessTokenValidator(Secret).ValidateAsync(tampered)).Status);
    }

    [Fact]
    public async Task TamperedPayload_IsBadSignature()
    {
        var parts = Issue().Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace(Room, "room-2", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        Assert.Equal(AccessTokenStatus.BadSignature, (await new AccessTokenValidator(Secret).ValidateAsync(tampered)).Status);
    }

    [Fact]
    public async Task TokenFromAnotherSecret_IsBadSignature()
    {
        var token = new AccessTokenIssuer(NewSecret()).Issue(Identity, Room, AccessTokenGrants.Publish, TimeSpan.FromHours(1));

        Assert.Equal(AccessTokenStatus.BadSignature, (await new AccessTokenValidator(Secret).ValidateAsync(token)).Status);
    }

    [Fact]
    public async Task UnsignedToken_IsRefused()
    {
        var parts = Issue().Split('.');
        var none = System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8);

        var result = await new AccessTokenValidator(Secret).ValidateAsync($"{none}.{parts[1]}.");

        Assert.False(result.IsValid);
        Assert.Equal(StatusCodes.Status401Unauthorized, AccessTokenHttp.StatusCode(result.Status));
    }

    [Fact]
    public async Task TokenForAnotherRoom_IsWrongRoom()
    {
        Assert.Equal(AccessTokenStatus.WrongRoom, (await new AccessTokenValidator(Secret).ValidateAsync(Issue(), "room-2", AccessTokenGrants.None)).Status);
    }

    [Fact]
    public async Task AnyRoomToken_IsValidInEveryRoom()
    {
        var token = new AccessTokenIssuer(Secret).Issue("backend", AccessTokenNames.AnyRoom, AccessTokenGrants.Admin, TimeSpan.FromMinutes(5));

        Assert.True((await new AccessTokenValidator(Secret).ValidateAsync(token, "any-room-at-all", AccessTokenGrants.Admin)).IsValid);
    }

    [Fact]
    public async Task TokenWithoutTheGrant_IsMissingGrant()
    {
        var token = new AccessTokenIssuer(Secret).Issue(Identity, Room, AccessTokenGrants.Subscribe, TimeSpan.FromHours(1));

        Assert.Equal(AccessTokenStatus.MissingGrant, (await new AccessTokenValidator(Secret).ValidateAsync(token, Room, AccessTokenGrants.Publish)).Status);
    }

    [Fact]
    public async Task TokenForAnotherAudience_IsWrongAudience()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = AccessTokenNames.Issuer,
            Audience = "someone-else",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = Identity, ["room"] = Room },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Secret.KeyBytes()), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });

        Assert.Equal(AccessTokenStatus.WrongAudience, (await new AccessTokenValidator(Secret).ValidateAsync(token)).Status);
    }

    [Theory]
    [InlineData(null, "Missing")]
    [InlineData("", "Missing")]
    [InlineData("   ", "Missing")]
    [InlineData("garbage", "Malformed")]
    [InlineData("a.b.c", "Malformed")]
    [InlineData("...", "Malformed")]
    [InlineData("eyJ.eyJ.", "Malformed")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.AAAA", "Malformed")]
    [InlineData("Bearer xyz", "Malformed")]
    [InlineData("\u0000\uFFFF.\uD800.x", "Malformed")]
    public async Task GarbageAndEmpty_GiveAResult_NotAnException(string? token, string expected)
    {
        var result = await new AccessTokenValidator(Secret).ValidateAsync(token, Room, AccessTokenGrants.None);

        Assert.Equal(Enum.Parse<AccessTokenStatus>(expected), result.Status);
        Assert.Null(result.Claims);
    }

    [Fact]
    public async Task HugeToken_IsMalformed()
    {
        var huge = Issue() + new string('A', 100 * 1024);

        Assert.Equal(AccessTokenStatus.Malformed, (await new AccessTokenValidator(Secret).ValidateAsync(huge)).Status);
        Assert.Equal(AccessTokenStatus.Malformed, (await new AccessTokenValidator(Secret).ValidateAsync(new string('.', 100 * 1024))).Status);
    }

    [Theory]
    [InlineData("Valid", 200)]
    [InlineData("Missing", 401)]
    [InlineData("Malformed", 401)]
    [InlineData("BadSignature", 401)]
    [InlineData("Expired", 401)]
    [InlineData("NotYetValid", 401)]
    [InlineData("WrongAudience", 401)]
    [InlineData("WrongRoom", 403)]
    [InlineData("MissingGrant", 403)]
    public void StatusCode_Is401ForNoUsableToken_And403ForAGoodTokenThatDoesNotCover(string status, int expected)
    {
        Assert.Equal(expected, AccessTokenHttp.StatusCode(Enum.Parse<AccessTokenStatus>(status)));
    }

    [Fact]
    public void EveryStatus_HasAnHttpMapping()
    {
        foreach (var status in Enum.GetValues<AccessTokenStatus>())
        {
            Assert.True(AccessTokenHttp.StatusCode(status) is 200 or 401 or 403, status.ToString());
        }
    }

    private static string Issue() => new AccessTokenIssuer(Secret).Issue(Identity, Room, AccessTokenGrants.Publish, TimeSpan.FromHours(1));

    private static ApiSecret NewSecret() => new(RandomNumberGenerator.GetBytes(32), "test");

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
