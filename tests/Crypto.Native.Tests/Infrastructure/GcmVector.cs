namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>One AES-GCM known answer: key, 12-byte IV, AAD, plaintext, ciphertext (without tag), 16-byte tag.</summary>
public sealed record GcmVector(string Name, byte[] Key, byte[] Nonce, byte[] Aad, byte[] Plaintext, byte[] Ciphertext, byte[] Tag)
{
    /// <summary>
    /// A vector from a block. NIST blocks give every label. RFC 7714 blocks vary by what the section shows:
    /// tagging-only blocks (16.x.3/4, 17.3/4) have no plaintext (GMAC: everything is AAD), and the SRTP
    /// decryption blocks (16.x.2) give the protected packet instead of its parts: header (the AAD, RFC 7714
    /// §8.2) || ciphertext || 16-byte tag.
    /// </summary>
    public static GcmVector FromBlock(VectorBlock block)
    {
        byte[] aad = block.Bytes("aad");
        byte[] plaintext = block.BytesOrNull("plaintext") ?? [];
        byte[]? ciphertext = block.BytesOrNull("ciphertext");
        byte[]? tag = block.BytesOrNull("tag");
        if (ciphertext is null && block.BytesOrNull("srtp_packet") is { } packet && packet.Length == aad.Length + plaintext.Length + AesContext.TagSize)
        {
            ciphertext = packet[aad.Length..^AesContext.TagSize];
            tag ??= packet[^AesContext.TagSize..];
        }

        ciphertext ??= plaintext.Length == 0 ? [] : throw new InvalidOperationException($"{block}: plaintext without ciphertext.");
        if (tag is null)
        {
            throw new InvalidOperationException($"{block}: no tag.");
        }

        if (ciphertext.Length != plaintext.Length)
        {
            throw new InvalidOperationException($"{block}: {plaintext.Length}-byte plaintext but {ciphertext.Length}-byte ciphertext.");
        }

        return new GcmVector(block.ToString(), block.Bytes("key"), block.Bytes("iv"), aad, plaintext, ciphertext, tag);
    }

    public static IReadOnlyList<GcmVector> ReadAll(string path)
    {
        var vectors = VectorFile.Read(path).Select(FromBlock).ToList();
        Assert.True(vectors.Count > 0, $"{path} holds no vectors.");
        return vectors;
    }

    public override string ToString() => Name;
}
