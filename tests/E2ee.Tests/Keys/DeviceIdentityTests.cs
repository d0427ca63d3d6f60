using Gateway.E2ee.Keys;
using NSec.Cryptography;

namespace Gateway.E2ee.Tests.Keys;

public sealed class DeviceIdentityTests
{
    private static readonly byte[] Data = "the data"u8.ToArray();

    [Fact]
    public void Sign_VerifiesWithItsPublicKey_AndNoOther()
    {
        using var identity = DeviceIdentity.Create("laptop");
        using var other = DeviceIdentity.Create("phone");
        byte[] signature = identity.Sign(Data);

        Assert.Equal(DeviceIdentity.SignatureSize, signature.Length);
        Assert.True(DeviceIdentity.Verify(identity.PublicKey, Data, signature));
        Assert.False(DeviceIdentity.Verify(other.PublicKey, Data, signature));
    }

    [Fact]
    public void Verify_FailsForTamperedDataOrSignature_AndForMalformedInput()
    {
        using var identity = DeviceIdentity.Create("laptop");
        byte[] signature = identity.Sign(Data);
        byte[] data = (byte[])Data.Clone();
        data[0] ^= 1;
        byte[] badSignature = (byte[])signature.Clone();
        badSignature[10] ^= 1;

        Assert.False(DeviceIdentity.Verify(identity.PublicKey, data, signature));
        Assert.False(DeviceIdentity.Verify(identity.PublicKey, Data, badSignature));
        Assert.False(DeviceIdentity.Verify(identity.PublicKey, Data, signature.AsSpan(1)));
        Assert.False(DeviceIdentity.Verify(identity.PublicKey[1..], Data, signature));
        Assert.False(DeviceIdentity.Verify([], Data, signature));
    }

    [Fact]
    public void Signature_IsEd25519OverTheProtocolLabelAndData()
    {
        // Checked with NSec directly: valid for label || data, not for the data alone.
        using var identity = DeviceIdentity.Create("laptop");
        byte[] signature = identity.Sign(Data);
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, identity.PublicKey, KeyBlobFormat.RawPublicKey);

        Assert.True(SignatureAlgorithm.Ed25519.Verify(key, [.. "gateway e2ee v1 signature\0"u8, .. Data], signature));
        Assert.False(SignatureAlgorithm.Ed25519.Verify(key, Data, signature));
    }

    [Fact]
    public void Create_RejectsEmptyAndOverlongDeviceIds()
    {
        Assert.Throws<ArgumentException>(() => DeviceIdentity.Create(""));
        Assert.Throws<ArgumentException>(() => DeviceIdentity.Create(new string('x', 257)));
        using DeviceIdentity longest = DeviceIdentity.Create(new string('x', 256));
        Assert.Equal(256, longest.DeviceId.Length);
    }

    [Fact]
    public void TwoIdentities_HaveDifferentKeys()
    {
        using var first = DeviceIdentity.Create("laptop");
        using var second = DeviceIdentity.Create("laptop");

        Assert.False(first.PublicKey.SequenceEqual(second.PublicKey));
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void Sign_AfterDispose_Throws()
    {
        var identity = DeviceIdentity.Create("laptop");
        identity.Dispose();

        Assert.Throws<ObjectDisposedException>(() => identity.Sign(Data));
    }

    [Fact]
    public void ToString_ShowsDeviceAndFingerprint_ButNotTheKey()
    {
        using var identity = DeviceIdentity.Create("laptop");
        string text = identity.ToString();

        Assert.Contains("laptop", text, StringComparison.Ordinal);
        Assert.Contains(identity.Fingerprint, text, StringComparison.Ordinal);
        KeyText.AssertAbsent(text, identity.PublicKey.ToArray());
    }
}
