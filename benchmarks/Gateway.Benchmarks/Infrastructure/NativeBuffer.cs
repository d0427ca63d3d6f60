using System.Runtime.InteropServices;

namespace Gateway.Benchmarks.Infrastructure;

/// <summary>
/// A 64-byte aligned block of native memory: it never moves, so the same bytes serve a span-taking
/// managed call and a pointer-taking C peer, and every case sees the same alignment.
/// </summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    private byte* _pointer;

    public NativeBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1), 64);
        NativeMemory.Clear(_pointer, (nuint)Math.Max(length, 1));
        Length = length;
    }

    public int Length { get; }

    public byte* Pointer => _pointer;

    public Span<byte> Span => new(_pointer, Length);

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    public Span<byte> Slice(int offset, int length) => new(_pointer + offset, length);

    public void Dispose()
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
