using System.Runtime.CompilerServices;

namespace Gateway.E2ee.SFrame;

/// <summary>
/// The replay window of one receive KID: the highest CTR accepted so far and which of the
/// <see cref="Size"/> counters ending at it (inclusive) were accepted.
/// <code>
///   Highest - Size + 1            Highest      CTR
///   |&lt;--------- window: Size ---------&gt;|
///   too old   | bit set: replayed         |  newer: accepted, window slides
/// </code>
/// </summary>
/// <remarks>
/// The bitmap is circular (counter c lives in bit c mod Bits, Bits = Size rounded up to a power of two of
/// at least 64, so the modulo is a mask rather than a 64-bit division on every frame), so sliding
/// forward clears the bits it passes instead of shifting the map. <see cref="IsAcceptable"/> changes
/// nothing; <see cref="Accept"/> runs only after the frame authenticated, so a forged frame cannot move
/// the window.
/// </remarks>
internal sealed class SFrameReplayWindow
{
    private readonly ulong[] _bits;
    private readonly int _bitCount;
    private readonly int _bitMask;

    public SFrameReplayWindow(int size)
    {
        Size = size;
        _bitCount = (int)Math.Max(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)size));
        _bitMask = _bitCount - 1;
        _bits = new ulong[_bitCount / 64];
    }

    /// <summary>How many counters back from the highest are still accepted (once each).</summary>
    public int Size { get; }

    public bool HasCounter { get; private set; }

    public ulong Highest { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAcceptable(ulong counter)
    {
        if (!HasCounter || counter > Highest)
        {
            return true;
        }

        if (Highest - counter >= (ulong)Size)
        {
            return false;
        }

        int bit = Bit(counter);
        return (_bits[bit >> 6] & (1UL << bit)) == 0;
    }

    /// <summary>Records <paramref name="counter"/>; it must have passed <see cref="IsAcceptable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accept(ulong counter)
    {
        if (HasCounter && counter == Highest + 1)
        {
            // In-order frame, the common case: one bit leaves the window, the same bit comes in set.
            int next = Bit(counter);
            _bits[next >> 6] |= 1UL << next;
            Highest = counter;
            return;
        }

        if (!HasCounter)
        {
            HasCounter = true;
            Highest = counter;
        }
        else if (counter > Highest)
        {
            ulong ahead = counter - Highest;
            if (ahead >= (ulong)_bitCount)
            {
                Array.Clear(_bits);
            }
            else
            {
                ClearRange(Highest + 1, (int)ahead);
            }

            Highest = counter;
        }

        int bit = Bit(counter);
        _bits[bit >> 6] |= 1UL << bit;
    }

    /// <summary>Forgets every counter (as if the key were just installed).</summary>
    public void Reset()
    {
        Array.Clear(_bits);
        HasCounter = false;
        Highest = 0;
    }

    private int Bit(ulong counter) => (int)counter & _bitMask;

    // Clears the bits of 'count' counters from 'first' on, a word at a time where they span whole words.
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
