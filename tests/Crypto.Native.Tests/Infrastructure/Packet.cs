using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>
/// One packet for <see cref="AeadBatch"/> in native memory (the batch keeps pointers, so the buffers
/// must not move): nonce, AAD, data (sealed or opened in place) and tag, with the plaintext kept aside.
/// </summary>
public sealed unsafe class Packet : IDisposable
{
    private byte* _memory;

    private Packet(int key, AesContext context, byte[] nonce, byte[] aad, byte[] plaintext)
    {
        Key = key;
        Context = context;
        Plaintext = plaintext;
        _memory = (byte*)NativeMemory.AllocZeroed((nuint)(AesContext.NonceSize + AesContext.TagSize + aad.Length + plaintext.Length + 1));
        AadLength = aad.Length;
        nonce.CopyTo(Nonce);
        aad.CopyTo(Aad);
        plaintext.CopyTo(Data);
    }

    public int Key { get; }

    public AesContext Context { get; }

    public byte[] Plaintext { get; }

    private int AadLength { get; }

    public Span<byte> Nonce => new(NoncePointer, AesContext.NonceSize);

    public Span<byte> Tag => new(TagPointer, AesContext.TagSize);

    public Span<byte> Aad => new(AadPointer, AadLength);

    public Span<byte> Data => new(DataPointer, Plaintext.Length);

    private byte* NoncePointer => _memory;

    private byte* TagPointer => _memory + AesContext.NonceSize;

    private byte* AadPointer => AadLength == 0 ? null : TagPointer + AesContext.TagSize;

    private byte* DataPointer => _memory + AesContext.NonceSize + AesContext.TagSize + AadLength;

    public static Packet Random(Random random, int key, AesContext context, int maxLength, int maxAad) =>
        new(key, context, Bytes.Random(random, AesContext.NonceSize), Bytes.Random(random, random.Next(maxAad + 1)), Bytes.Random(random, random.Next(maxLength + 1)));

    public static Packet Create(int key, AesContext context, byte[] nonce, byte[] aad, byte[] plaintext) => new(key, context, nonce, aad, plaintext);

    public void AddTo(AeadBatch batch) =>
        batch.Add(Context, NoncePointer, AadPointer, AadLength, Plaintext.Length == 0 ? null : DataPointer, Plaintext.Length, TagPointer);

    public void Dispose()
    {
        NativeMemory.Free(_memory);
        _memory = null;
    }
}
