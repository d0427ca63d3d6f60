using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.Keys;

namespace Gateway.E2ee.Tests.Keys;

public sealed class EnvelopeCipherTests
{
    private static readonly byte[] Aad = "meeting|epoch|leader|recipient|keys"u8.ToArray();
    private static readonly byte[] Nonce = new byte[12];

    [Fact]
    public void Seal_ThenOpen_BetweenLeaderAndRecipient_GivesTheSecret()
    {
        using var leader = new MeetingKeyPair();
        using var recipient = new MeetingKeyPair();
        byte[] secret = Bytes.Random(new Random(TestSeed.Next()), 32);
        byte[] sealedSecret = new byte[48];
        Assert.True(EnvelopeCipher.TrySeal(leader, recipient.PublicKey, Aad, Nonce, secret, sealedSecret));

        byte[] opened = new byte[32];
        Assert.True(EnvelopeCipher.TryOpen(recipient, leader.PublicKey, Aad, Nonce, sealedSecret, opened));
        Bytes.Equal(secret, opened, "opened secret");
        Assert.False(sealedSecret.AsSpan(0, 32).SequenceEqual(secret));
    }

    [Fact]
    public void Open_FailsForOtherAad_OtherKeys_OrATamperedSeal()
    {
        using var leader = new MeetingKeyPair();
        using var recipient = new MeetingKeyPair();
        using var thirdParty = new MeetingKeyPair();
        byte[] sealedSecret = new byte[48];
        Assert.True(EnvelopeCipher.TrySeal(leader, recipient.PublicKey, Aad, Nonce, new byte[32], sealedSecret));
        byte[] opened = new byte[32];

        byte[] otherAad = (byte[])Aad.Clone();
        otherAad[0] ^= 1;
        Assert.False(EnvelopeCipher.TryOpen(recipient, leader.PublicKey, otherAad, Nonce, sealedSecret, opened));
        Assert.False(EnvelopeCipher.TryOpen(thirdParty, leader.PublicKey, Aad, Nonce, sealedSecret, opened));
        Assert.False(EnvelopeCipher.TryOpen(recipient, thirdParty.PublicKey, Aad, Nonce, sealedSecret, opened));
        sealedSecret[40] ^= 1;
        Assert.False(EnvelopeCipher.TryOpen(recipient, leader.PublicKey, Aad, Nonce, sealedSecret, opened));
        Bytes.AllZero(opened, "output of a failed open");
    }

    [Fact]
    public void Seal_ToALowOrderOrMalformedKey_Fails()
    {
        using var leader = new MeetingKeyPair();
        byte[] sealedSecret = new byte[48];

        Assert.False(EnvelopeCipher.TrySeal(leader, new byte[32], Aad, Nonce, new byte[32], sealedSecret)); // the all-zero point
        Assert.False(EnvelopeCipher.TrySeal(leader, new byte[31], Aad, Nonce, new byte[32], sealedSecret));
    }
}
