using Gateway.Crypto.Native;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.3: the AES-CM PRF key derivation, label by label and as the session does it.</summary>
public sealed class Rfc3711KeyDerivationTests
{
    public static TheoryData<AesImplementation> Implementations => [.. CryptoBackend.SupportedImplementations];

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Prf_B3MasterKey_GivesTheCipherKeySaltAndAuthKey(AesImplementation implementation)
    {
        VectorBlock block = B3();
        using AesContext master = AesContext.Create(block.Bytes("master_key"), implementation);
        byte[] masterSalt = block.Bytes("master_salt");

        byte[] cipherKey = new byte[16];
        SrtpKeyDerivation.Prf(master, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, cipherKey);
        Bytes.Equal(block.Bytes("cipher_key"), cipherKey, $"cipher key on {implementation}");

        byte[] cipherSalt = new byte[14];
        SrtpKeyDerivation.Prf(master, masterSalt, SrtpKeyDerivation.RtpSaltLabel, cipherSalt);
        Bytes.Equal(block.Bytes("cipher_salt"), cipherSalt, $"cipher salt on {implementation}");

        byte[] authKey = new byte[block.Bytes("auth_key").Length];
        SrtpKeyDerivation.Prf(master, masterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, authKey);
        Bytes.Equal(block.Bytes("auth_key"), authKey, $"auth key (94 bytes) on {implementation}");
    }

    [Fact]
    public void Derive_B3MasterKey_GivesTheSrtpSessionKeysOfTheVector()
    {
        VectorBlock block = B3();
        using AesContext master = AesContext.Create(block.Bytes("master_key"));
        byte[] storage = new byte[SrtpKeyDerivation.StorageLength(SrtpProfile.AesCm128HmacSha1_80)];

        SrtpSessionKeys keys = SrtpKeyDerivation.Derive(SrtpProfile.AesCm128HmacSha1_80, master, block.Bytes("master_salt"), storage);

        Bytes.Equal(block.Bytes("cipher_key"), keys.RtpKey, "SRTP encryption key");
        Bytes.Equal(block.Bytes("cipher_salt"), keys.RtpSalt, "SRTP salt");
        Bytes.Equal(block.Bytes("auth_key_first_20"), keys.RtpAuthKey, "SRTP authentication key (n_a = 160)");
        Assert.Equal(16, keys.RtcpKey.Length);
        Assert.Equal(14, keys.RtcpSalt.Length);
        Assert.Equal(20, keys.RtcpAuthKey.Length);
        Assert.False(keys.RtcpKey.SequenceEqual(keys.RtpKey), "labels 0x03 and 0x00 must give different keys");
    }

    [Fact]
    public void Derive_B3MasterKey_PrfInputsAreTheSaltWithTheLabelAtByte7()
    {
        // The vector prints x for each label: the master salt with the label XORed into byte 7.
        VectorBlock block = B3();
        byte[] salt = block.Bytes("master_salt");
        foreach ((string name, byte label) in new[] { ("cipher_key", (byte)0), ("auth_key", (byte)1), ("cipher_salt", (byte)2) })
        {
            byte[] x = (byte[])salt.Clone();
            x[7] ^= label;
            Bytes.Equal(block.Bytes($"{name}_prf_input_x"), x, name);
        }
    }

    [Fact]
    public void Derive_AeadTwelveByteSalt_IsTheFourteenByteDerivationWithTwoZeroBytesAppended()
    {
        // RFC 7714 §11 (erratum 4938): the 96-bit master salt times 2^16 is the 112-bit salt of the PRF.
        var random = new Random(3711);
        byte[] masterKey = Bytes.Random(random, 16);
        byte[] salt12 = Bytes.Random(random, 12);
        byte[] salt14 = [.. salt12, 0, 0];
        using AesContext master = AesContext.Create(masterKey);
        byte[] gcm = new byte[SrtpKeyDerivation.StorageLength(SrtpProfile.AeadAes128Gcm)];
        byte[] expected = new byte[16];

        SrtpSessionKeys keys = SrtpKeyDerivation.Derive(SrtpProfile.AeadAes128Gcm, master, salt12, gcm);

        SrtpKeyDerivation.Prf(master, salt14, SrtpKeyDerivation.RtpEncryptionLabel, expected);
        Bytes.Equal(expected, keys.RtpKey, "SRTP key");
        SrtpKeyDerivation.Prf(master, salt14, SrtpKeyDerivation.RtpSaltLabel, expected.AsSpan(0, 12));
        Bytes.Equal(expected.AsSpan(0, 12), keys.RtpSalt, "SRTP salt (12 bytes)");
        Assert.True(keys.RtpAuthKey.IsEmpty);
    }

    private static VectorBlock B3() => VectorFile.Read(VectorPaths.Rfc3711).Single(b => b.Title.Contains("B.3", StringComparison.Ordinal));
}
