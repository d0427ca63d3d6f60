using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gateway.Routing;

/// <summary>
/// Copies bytes that will be written once and read rarely (a retransmission cache's packets) with non-temporal
/// stores: they go to memory without first reading the destination's cache lines in (no read-for-ownership miss
/// per line) and without evicting the hot state the forwarding loop needs next. A plain copy into a ring that is
/// cold at every packet costs a memory round trip per cache line and pushes the subscribers' state out of L1/L2.
/// </summary>
/// <remarks>
/// The stores are weakly ordered against other cores; the cache is worker-owned, and the same thread's later reads
/// see its own stores. Without AVX (ARM64, old x64) it is a plain copy.
/// </remarks>
internal static class NonTemporalCopy
{
    /// <summary>The alignment <see cref="Copy"/> needs of its destination, and the unit it writes in.</summary>
    public const int Alignment = 32;

    /// <summary>
    /// Copies <paramref name="source"/> to the start of <paramref name="destination"/>, which must be
    /// <see cref="Alignment"/>-aligned, fixed in memory (pinned or native) and at least <see cref="PaddedLength"/>
    /// of the source long: the last unit is written whole, the bytes after the source's end as zeros.
    /// </summary>
    public static unsafe void Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < PaddedLength(source.Length))
        {
            throw new ArgumentException("The destination is shorter than the padded source.", nameof(destination));
        }

        fixed (byte* target = destination)
        {
            if (!Avx.IsSupported || ((nuint)target & (Alignment - 1)) != 0)
            {
                source.CopyTo(destination);
                return;
            }

            ref byte from = ref MemoryMarshal.GetReference(source);
            int whole = source.Length & ~(Alignment - 1);
            for (int i = 0; i < whole; i += Alignment)
            {
                Avx.StoreAlignedNonTemporal(target + i, Vector256.LoadUnsafe(ref from, (nuint)i));
            }

            if (whole < source.Length)
            {
                Span<byte> last = stackalloc byte[Alignment];
                last.Clear();
                source[whole..].CopyTo(last);
                Avx.StoreAlignedNonTemporal(target + whole, Vector256.Create((ReadOnlySpan<byte>)last));
            }
        }
    }

    /// <summary>
    /// Writes one <see cref="Alignment"/>-byte unit to the start of <paramref name="destination"/> (aligned, fixed in
    /// memory, at least a unit long) the way <see cref="Copy"/> does — straight from a register, where building it in
    /// memory first and copying would stall on reading back the narrower stores that built it.
    /// </summary>
    public static unsafe void Store(Vector256<byte> unit, Span<byte> destination)
    {
        if (destination.Length < Alignment)
        {
            throw new ArgumentException("The destination is shorter than a unit.", nameof(destination));
        }

        fixed (byte* target = destination)
        {
            if (Avx.IsSupported && ((nuint)target & (Alignment - 1)) == 0)
            {
                Avx.StoreAlignedNonTemporal(target, unit);
            }
            else
            {
                unit.StoreUnsafe(ref *target);
            }
        }
    }

    /// <summary>The bytes <see cref="Copy"/> writes for <paramref name="length"/> source bytes.</summary>
    public static int PaddedLength(int length) => (length + Alignment - 1) & ~(Alignment - 1);
}
