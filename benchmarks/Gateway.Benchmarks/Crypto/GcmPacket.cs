using Gateway.Benchmarks.Infrastructure;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// The buffers of one single-packet case, in native memory. Seal works in place on <see cref="Data"/>;
/// open reads <see cref="Sealed"/> + <see cref="SealedTag"/> and writes <see cref="Scratch"/> (out of
/// place, so every invocation opens a genuine packet, never one an earlier in-place open turned back
/// into plaintext).
/// </summary>
internal sealed class GcmPacket : IDisposable
{
    public GcmPacket(int size)
    {
        Nonce = new NativeBuffer(GcmInputs.NonceSize);
        Aad = new NativeBuffer(GcmInputs.AadSize);
        Data = new NativeBuffer(size);
        Sealed = new NativeBuffer(size);
        Scratch = new NativeBuffer(size);
        Tag = new NativeBuffer(GcmInputs.TagSize);
        SealedTag = new NativeBuffer(GcmInputs.TagSize);
        GcmInputs.FillNonce(Nonce.Span, 1);
        GcmInputs.FillRtpHeader(Aad.Span, 1);
        GcmInputs.FillPayload(Data.Span, 1);
        Data.Span.CopyTo(Sealed.Span);
    }

    public NativeBuffer Nonce { get; }

    public NativeBuffer Aad { get; }

    public NativeBuffer Data { get; }

    public NativeBuffer Sealed { get; }

    public NativeBuffer Scratch { get; }

    public NativeBuffer Tag { get; }

    public NativeBuffer SealedTag { get; }

    public int Size => Data.Length;

    /// <summary>Checks that an open in a setup produced the original payload; a case that fails it must not be timed.</summary>
    public void VerifyOpened(bool opened, string what)
    {
        byte[] payload = new byte[Size];
        GcmInputs.FillPayload(payload, 1);
        if (!opened || !Scratch.Span.SequenceEqual(payload))
        {
            throw new InvalidOperationException($"{what}: the sealed packet did not open to its payload");
        }
    }

    public void Dispose()
    {
        Nonce.Dispose();
        Aad.Dispose();
        Data.Dispose();
        Sealed.Dispose();
        Scratch.Dispose();
        Tag.Dispose();
        SealedTag.Dispose();
    }
}
