namespace Gateway.E2ee.SFrame;

/// <summary>
/// The KID layout of RFC 9605 §5.2 (MLS-based key management), usable with any key schedule that has
/// contexts, senders and epochs:
/// <code>
///   KID = (contextId &lt;&lt; (S + E)) | (senderIndex &lt;&lt; E) | (epoch mod 2^E)
///   |&lt;-- 64 - S - E: context --&gt;|&lt;-- S: sender index --&gt;|&lt;-- E: epoch low bits --&gt;|
/// </code>
/// Only the low E bits of the epoch travel, so a receiver keeps at most 2^E epochs' keys per sender.
/// </summary>
public static class SFrameKeyId
{
    /// <summary>Builds a KID; the epoch is reduced mod 2^<paramref name="epochBits"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bit count is negative, they sum to more than 64, or
    /// <paramref name="senderIndex"/> or <paramref name="contextId"/> does not fit its field.</exception>
    public static ulong Compose(ulong contextId, ulong senderIndex, ulong epoch, int senderIndexBits, int epochBits)
    {
        CheckBits(senderIndexBits, epochBits);
        if (senderIndex > Mask(senderIndexBits))
        {
            throw new ArgumentOutOfRangeException(nameof(senderIndex), senderIndex, $"The sender index must fit in {senderIndexBits} bits.");
        }

        int contextShift = senderIndexBits + epochBits;
        if (contextId > Mask(64 - contextShift))
        {
            throw new ArgumentOutOfRangeException(nameof(contextId), contextId, $"The context id must fit in the {64 - contextShift} bits left above sender index and epoch.");
        }

        return ShiftLeft(contextId, contextShift) | ShiftLeft(senderIndex, epochBits) | (epoch & Mask(epochBits));
    }

    /// <summary>Takes a KID apart again: the inverse of <see cref="Compose"/> for the same bit counts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bit count is negative or they sum to more than 64.</exception>
    public static (ulong ContextId, ulong SenderIndex, ulong EpochLowBits) Split(ulong keyId, int senderIndexBits, int epochBits)
    {
        CheckBits(senderIndexBits, epochBits);
        ulong epoch = keyId & Mask(epochBits);
        ulong sender = ShiftRight(keyId, epochBits) & Mask(senderIndexBits);
        ulong context = ShiftRight(keyId, senderIndexBits + epochBits);
        return (context, sender, epoch);
    }

    private static void CheckBits(int senderIndexBits, int epochBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(senderIndexBits);
        ArgumentOutOfRangeException.ThrowIfNegative(epochBits);
        if (senderIndexBits > 64 || epochBits > 64 || senderIndexBits + epochBits > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(epochBits), $"Sender index bits ({senderIndexBits}) and epoch bits ({epochBits}) must add up to at most 64.");
        }
    }

    // C# masks shift counts to 6 bits (x << 64 == x), so the full-width cases are spelled out.
    private static ulong Mask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    private static ulong ShiftLeft(ulong value, int bits) => bits >= 64 ? 0 : value << bits;

    private static ulong ShiftRight(ulong value, int bits) => bits >= 64 ? 0 : value >> bits;
}
