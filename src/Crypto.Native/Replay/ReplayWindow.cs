using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gateway.Crypto.Native.Replay;

/// <summary>
/// A sliding replay window over 64-bit packet indices (RFC 3711 §3.3.2): the highest accepted index and a bitmap of the
/// <see cref="Size"/> indices behind it. SRTP/SRTCP (src/Rtp) and SFrame (src/E2ee) share it. <see cref="Check"/>
/// before authentication, <see cref="Accept"/> only after it, so a forged packet never moves the window.
/// </summary>
/// <remarks>
/// The bitmap has a power-of-two number of bits (at least <see cref="Size"/>, at least 64) so an index's bit is a
/// mask away; bits beyond <see cref="Size"/> behind the highest are never consulted (those indices are
/// <see cref="ReplayCheck.TooOld"/>). Allocation-free after construction; not thread-safe (one per stream or key).
/// </remarks>
public sealed class ReplayWindow
{
    private readonly ulong[] _bits;
    private readonly int _bitCount;
    private readonly int _bitMask;

    /// <summary>A window of <paramref name="size"/> indices (at least 1).</summary>
    public ReplayWindow(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _bitCount = (int)Math.Max(64, BitOperations.RoundUpToPowerOf2((uint)size));
        _bitMask = _bitCount - 1;
        // Pinned (one small array per stream, made once), so Bitmap's address stays this array's.
        _bits = GC.AllocateArray<ulong>(_bitCount / 64, pinned: true);
    }

    /// <summary>How many indices behind the highest are remembered.</summary>
    public int Size { get; }

    /// <summary>The bitmap, for a holder to prefetch without reading this window first (see <see cref="PrefetchTarget"/>).</summary>
    public unsafe PrefetchTarget Bitmap
    {
        get
        {
            fixed (ulong* first = _bits)
            {
                return new PrefetchTarget((nint)first, ((_bits.Length * sizeof(ulong)) + 63) / 64);
            }
        }
    }

    /// <summary>Whether any index was accepted since construction or the last <see cref="Reset"/>.</summary>
    public bool HasIndex { get; private set; }

    /// <summary>The highest accepted index (0 when <see cref="HasIndex"/> is false).</summary>
    public ulong Highest { get; private set; }

    /// <summary>Whether <paramref name="index"/> may be accepted; the window does not change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReplayCheck Check(ulong index)
    {
        if (!HasIndex || index > Highest)
        {
            return ReplayCheck.Fresh;
        }

        if (Highest - index >= (ulong)Size)
        {
            return ReplayCheck.TooOld;
        }

        int bit = Bit(index);
        return (_bits[bit >> 6] & (1UL << bit)) != 0 ? ReplayCheck.Replayed : ReplayCheck.Fresh;
    }

    /// <summary>Records <paramref name="index"/> (an authenticated packet's), moving the window on when it is the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accept(ulong index)
    {
        if (HasIndex && index == Highest + 1)
        {
            // In order, the common case: the bit that leaves the window is the one that comes in, set.
            int next = Bit(index);
            _bits[next >> 6] |= 1UL << next;
            Highest = index;
            return;
        }

        if (!HasIndex)
        {
            HasIndex = true;
            Highest = index;
        }
        else if (index > Highest)
        {
            ulong ahead = index - Highest;
            if (ahead >= (ulong)_bitCount)
            {
                Array.Clear(_bits);
            }
            else
            {
                ClearRange(Highest + 1, (int)ahead);
            }

            Highest = index;
        }

        int bit = Bit(index);
        _bits[bit >> 6] |= 1UL << bit;
    }

    /// <summary>Forgets everything (a new key, a new stream).</summary>
    public void Reset()
    {
        Array.Clear(_bits);
        HasIndex = false;
        Highest = 0;
    }

    private int Bit(ulong index) => (int)index & _bitMask;

    // Clears the bits of 'count' indices from 'first' on, a word at a time where they span whole words.
    private void ClearRange(ulong first, int count)
    {
        int bit = Bit(first);
        while (count > 0)
        {
            int offset = bit & 63;
            int n = Math.Min(64 - offset, count);
            ulong mask = n == 64 ? ulong.MaxValue : ((1UL << n) - 1) << offset;
            _bits[bit >> 6] &= ~mask;
            count -= n;
            bit += n;
            if (bit >= _bitCount)
            {
                bit -= _bitCount;
            }
        }
    }
}
