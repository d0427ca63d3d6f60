namespace Gateway.Rtp.Srtp;

/// <summary>
/// The replay list of RFC 3711 §3.3.2 for one stream: the highest index received so far and a bitmap of
/// which of the <see cref="Size"/> indices ending at it (inclusive) were received. Holds 48-bit SRTP
/// indices or 31-bit SRTCP indices alike.
/// </summary>
/// <remarks>
/// The bitmap is circular: index i lives in bit i mod Size, so moving the window forward clears the bits
/// it leaves behind instead of shifting the whole map (a jump of n clears n bits, word by word; a jump of
/// Size or more clears everything).
/// <code>
///   Highest - Size + 1          Highest      index
///   |&lt;-------- window: Size ------&gt;|
///   too old    | bit set: Replayed |  newer: accepted, window moves
/// </code>
/// <see cref="Check"/> never changes anything; <see cref="Accept"/> is called only once the packet has
/// authenticated, so a forged packet cannot move the window.
/// </remarks>
internal sealed class ReplayWindow
{
    private readonly ulong[] _bits;
    private readonly int _sizeMask;

    public ReplayWindow(int size)
    {
        // SrtpOptions.Validate has checked size: a power of two is not required, a multiple of 64 is;
        // the modulo below is by Size, with a mask when Size is a power of two (64, 128, 256, 512, 1024).
        Size = size;
        _bits = new ulong[size / 64];
        _sizeMask = (size & (size - 1)) == 0 ? size - 1 : -1;
    }

    /// <summary>The window size in indices.</summary>
    public int Size { get; }

    /// <summary>True once an index has been accepted.</summary>
    public bool HasIndex { get; private set; }

    /// <summary>The highest accepted index (valid when <see cref="HasIndex"/>).</summary>
    public ulong Highest { get; private set; }

    /// <summary>Whether <paramref name="index"/> may be accepted: Ok, <see cref="SrtpResult.Replayed"/> or <see cref="SrtpResult.TooOld"/>.</summary>
    public SrtpResult Check(ulong index)
    {
        if (!HasIndex || index > Highest)
        {
            return SrtpResult.Ok;
        }

        ulong behind = Highest - index;
        if (behind >= (ulong)Size)
        {
            return SrtpResult.TooOld;
        }

        int bit = Bit(index);
        return (_bits[bit >> 6] & (1UL << bit)) != 0 ? SrtpResult.Replayed : SrtpResult.Ok;
    }

    /// <summary>Records <paramref name="index"/> as received; it must have passed <see cref="Check"/>.</summary>
    public void Accept(ulong index)
    {
        if (!HasIndex)
        {
            HasIndex = true;
            Highest = index;
        }
        else if (index > Highest)
        {
            ulong ahead = index - Highest;
            if (ahead >= (ulong)Size)
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

    /// <summary>Forgets everything (the stream starts again).</summary>
    public void Reset()
    {
        Array.Clear(_bits);
        HasIndex = false;
        Highest = 0;
    }

    private int Bit(ulong index) => _sizeMask >= 0 ? (int)index & _sizeMask : (int)(index % (ulong)Size);

    // Clears the bits of the count indices from 'first' on, a word at a time where they span whole words.
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
            if (bit >= Size)
            {
                bit -= Size;
            }
        }
    }
}
