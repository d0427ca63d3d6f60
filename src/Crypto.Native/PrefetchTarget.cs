using System.Runtime.CompilerServices;

namespace Gateway.Crypto.Native;

/// <summary>
/// Memory a per-packet loop will read, named so that a holder can have it prefetched (see <see cref="CachePrefetch"/>)
/// without reading the object that owns it first: one level of dependent loads fewer. Only a hint — it cannot be
/// read or written through — and harmless after its owner is gone (a prefetch never faults).
/// </summary>
public readonly struct PrefetchTarget
{
    private readonly nint _address;
    private readonly int _lines;

    internal PrefetchTarget(nint address, int lines)
    {
        _address = address;
        _lines = lines;
    }

    /// <summary>Asks for the memory (nothing for a default target).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch() => CachePrefetch.Native(_address, _lines);
}
