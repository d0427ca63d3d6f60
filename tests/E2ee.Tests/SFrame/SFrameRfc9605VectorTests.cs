using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

/// <summary>RFC 9605 Appendix C: header encodings (C.1), the AES-CTR+HMAC AEAD (C.3) and full SFrame encryption per suite (C.4).</summary>
public sealed class SFrameRfc9605VectorTests
{
    [Fact]
    public void HeaderVectors_AllEncodeToThePublishedBytes()
    {
        IReadOnlyList<SFrameVectors.HeaderVector> vectors = SFrameVectors.Headers();
        Assert.Equal(289, vectors.Count);
        Span<byte> buffer = stackalloc byte[SFrameHeader.MaxLength];
        foreach (SFrameVectors.HeaderVector v in vectors)
        {
            string context = $"KID {v.KeyId}, CTR {v.Counter}";
            Assert.Equal(v.Encoded.Length, SFrameHeader.EncodedLength(v.KeyId, v.Counter));
            Assert.True(SFrameHeader.TryWrite(buffer, v.KeyId, v.Counter, out int written), context);
            Bytes.Equal(v.Encoded, buffer[..written], context);
            Assert.False(SFrameHeader.TryWrite(buffer[..(v.Encoded.Length - 1)], v.KeyId, v.Counter, out int none), context);
            Assert.Equal(0, none);

            // The protect path's writer (whole 8-byte stores where a frame has room after the header).
            byte[] frame = new byte[v.Encoded.Length + 16];
            Assert.Equal(v.Encoded.Length, SFrameHeader.WriteFrameHeader(frame, v.KeyId, v.Counter));
            Bytes.Equal(v.Encoded, frame.AsSpan(0, v.Encoded.Length), $"{context}, frame header");
        }
    }

    [Fact]
    public void HeaderVectors_AllDecodeToTheirKidAndCounter_AndTruncationsDoNot()
    {
        foreach (SFrameVectors.HeaderVector v in SFrameVectors.Headers())
        {
            string context = $"KID {v.KeyId}, CTR {v.Counter}";
            // Few bytes after the header (read byte by byte) and many (read as whole 8-byte loads).
            foreach (int after in new[] { 0, 2, 16 })
            {
                byte[] withPayload = [.. v.Encoded, .. Enumerable.Repeat((byte)0xA5, after)];
                Assert.True(SFrameHeader.TryRead(withPayload, out ulong kid, out ulong ctr, out int length), $"{context}, {after} bytes after");
                Assert.Equal((v.KeyId, v.Counter, v.Encoded.Length), (kid, ctr, length));
            }

            for (int cut = 0; cut < v.Encoded.Length; cut++)
            {
                Assert.False(SFrameHeader.TryRead(v.Encoded.AsSpan(0, cut), out _, out _, out _), $"{context}, cut to {cut} bytes");
            }
        }
    }

    [Fact]
    public void CtrHmacVectors_SealAndOpen()
    {
        IReadOnlyList<SFrameVectors.CtrHmacVector> vectors = SFrameVectors.CtrHmac();
        Assert.Equal(3, vectors.Count);
        foreach (SFrameVectors.CtrHmacVector v in vectors)
        {
            var suite = (SFrameCipherSuite)v.Suite;
            string context = suite.ToString();
            Bytes.Equal(v.Key, [.. v.EncKey, .. v.AuthKey], $"{context}: key = enc_key || auth_key");
            using SFrameAead aead = SFrameAead.Create(suite, v.Key);
            int tagSize = aead.TagSize;
            Assert.Equal(v.Plaintext.Length + tagSize, v.Ciphertext.Length);

            byte[] sealedBytes = new byte[v.Plaintext.Length + tagSize];
            aead.Seal(v.Nonce, v.Aad, default, v.Plaintext, sealedBytes.AsSpan(0, v.Plaintext.Length), sealedBytes.AsSpan(v.Plaintext.Length));
            Bytes.Equal(v.Ciphertext, sealedBytes, $"{context}: seal");

            // The AAD split differently between header and metadata is the same AAD.
            byte[] opened = new byte[v.Plaintext.Length];
            int split = v.Aad.Length / 2;
            Assert.True(aead.TryOpen(v.Nonce, v.Aad.AsSpan(0, split), v.Aad.AsSpan(split), v.Ciphertext.AsSpan(0, v.Plaintext.Length), v.Ciphertext.AsSpan(v.Plaintext.Length), opened), context);
            Bytes.Equal(v.Plaintext, opened, $"{context}: open");

            byte[] tampered = (byte[])v.Ciphertext.Clone();
            tampered[^1] ^= 1;
            Assert.False(aead.TryOpen(v.Nonce, v.Aad, default, tampered.AsSpan(0, v.Plaintext.Length), tampered.AsSpan(v.Plaintext.Length), opened), context);
        }
    }

    [Fact]
    public void FullVectors_CoverEverySuite()
    {
        Assert.Equal([1, 2, 3, 4, 5], SFrameVectors.Full().Select(v => (int)v.Suite));
    }

    [Theory]
    [MemberData(nameof(SFrameVectors.FullIndices), MemberType = typeof(SFrameVectors))]
    public void FullVector_KeyScheduleMatches(int index)
    {
        SFrameVectors.FullVector v = SFrameVectors.Full()[index];
        var suite = (SFrameCipherSuite)v.Suite;

        byte[] keyLabel = new byte[SFrameKeyDerivation.KeyLabelLength];
        SFrameKeyDerivation.WriteKeyLabel(v.KeyId, suite, keyLabel);
        Bytes.Equal(v.KeyLabel, keyLabel, $"{suite}: sframe_key_label");

        byte[] saltLabel = new byte[SFrameKeyDerivation.SaltLabelLength];
        SFrameKeyDerivation.WriteSaltLabel(v.KeyId, suite, saltLabel);
        Bytes.Equal(v.SaltLabel, saltLabel, $"{suite}: sframe_salt_label");

        byte[] secret = new byte[v.Secret.Length];
        SFrameKeyDerivation.Extract(suite, v.BaseKey, secret);
        Bytes.Equal(v.Secret, secret, $"{suite}: sframe_secret");

        byte[] key = new byte[v.Key.Length];
        byte[] salt = new byte[v.Salt.Length];
        SFrameKeyDerivation.Derive(suite, v.KeyId, v.BaseKey, key, salt);
        Bytes.Equal(v.Key, key, $"{suite}: sframe_key");
        Bytes.Equal(v.Salt, salt, $"{suite}: sframe_salt");
    }

    [Theory]
    [MemberData(nameof(SFrameVectors.FullIndices), MemberType = typeof(SFrameVectors))]
    public void FullVector_ProtectWithItsCounter_GivesThePublishedCiphertext(int index)
    {
        SFrameVectors.FullVector v = SFrameVectors.Full()[index];
        var suite = (SFrameCipherSuite)v.Suite;
        using var context = new SFrameContext(suite);
        context.SetSendKey(v.KeyId, v.BaseKey);

        byte[] destination = new byte[v.Plaintext.Length + context.MaxOverhead];
        Assert.Equal(SFrameStatus.Ok, context.ProtectWithCounter(v.Counter, v.Metadata, v.Plaintext, destination, out int written));
        Bytes.Equal(v.Ciphertext, destination.AsSpan(0, written), $"{suite}: ct");

        // The published nonce and AAD, independently: AAD = header || metadata, nonce = salt XOR CTR.
        Assert.True(SFrameHeader.TryRead(v.Ciphertext, out _, out _, out int headerLength));
        Bytes.Equal(v.Aad, [.. v.Ciphertext.AsSpan(0, headerLength), .. v.Metadata], $"{suite}: aad");
        using SFrameKey key = SFrameKey.Derive(suite, v.KeyId, v.BaseKey);
        byte[] nonce = new byte[12];
        key.WriteNonce(v.Counter, nonce);
        Bytes.Equal(v.Nonce, nonce, $"{suite}: nonce");
    }

    [Theory]
    [MemberData(nameof(SFrameVectors.FullIndices), MemberType = typeof(SFrameVectors))]
    public void FullVector_Unprotect_GivesThePublishedPlaintext(int index)
    {
        SFrameVectors.FullVector v = SFrameVectors.Full()[index];
        var suite = (SFrameCipherSuite)v.Suite;
        using var context = new SFrameContext(suite);
        context.AddReceiveKey(v.KeyId, v.BaseKey);

        byte[] destination = new byte[v.Ciphertext.Length];

        // Without the metadata the AAD differs: the frame does not authenticate, and the window does not move.
        Assert.Equal(SFrameStatus.AuthenticationFailed, context.Unprotect(default, v.Ciphertext, destination, out int none, out _));
        Assert.Equal(0, none);
        Bytes.AllZero(destination, $"{suite}: output after a failed unprotect");

        Assert.Equal(SFrameStatus.Ok, context.Unprotect(v.Metadata, v.Ciphertext, destination, out int written, out ulong kid));
        Assert.Equal(v.KeyId, kid);
        Bytes.Equal(v.Plaintext, destination.AsSpan(0, written), $"{suite}: pt");

        Assert.Equal(SFrameStatus.Replayed, context.Unprotect(v.Metadata, v.Ciphertext, destination, out _, out _));
    }
}
