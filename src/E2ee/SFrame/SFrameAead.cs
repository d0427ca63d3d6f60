namespace Gateway.E2ee.SFrame;

/// <summary>
/// One installed sframe_key as an AEAD (RFC 9605 §4.4.3, §4.4.4). The associated data is passed in two
/// parts, header and metadata, because they live in different buffers and concatenating them per frame
/// would cost a copy (or an allocation) the CTR suites do not need.
/// </summary>
internal abstract class SFrameAead : IDisposable
{
    /// <summary>Nt.</summary>
    public abstract int TagSize { get; }

    public static SFrameAead Create(SFrameCipherSuite suite, ReadOnlySpan<byte> key) =>
        SFrameSuite.IsGcm(suite) ? new SFrameGcmAead(key) : new SFrameCtrHmacAead(key, SFrameSuite.TagSize(suite));

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length) and writes <see cref="TagSize"/> bytes of <paramref name="tag"/>.</summary>
    public abstract void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag);

    /// <summary>Verifies and decrypts; false (no plaintext released) when the tag does not verify.</summary>
    public abstract bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext);

    /// <summary>Wipes the key.</summary>
    public abstract void Dispose();
}
