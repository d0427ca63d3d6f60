using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Gateway.Crypto.Native;

/// <summary>
/// Software prefetch of state a per-packet loop is about to read. A forwarding loop that reaches each subscriber's
/// objects one after another waits for each cache miss in turn; asking for all of them first lets the memory system
/// fetch them together, so the loop waits about once. A hint only: it never faults, changes nothing, and is a no-op
/// where the CPU offers no prefetch instruction to .NET (ARM64).
/// </summary>
public static class CachePrefetch
{
    /// <summary>The first <paramref name="lines"/> cache lines of <paramref name="instance"/> (its header and first fields).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Instance(object? instance, int lines = 1)
    {
        if (instance is not null)
        {
            // The reference is the object's address now; if the GC moves it later, the hint is merely wasted.
            Native(Unsafe.As<object, nint>(ref instance), lines);
        }
    }

    /// <summary><paramref name="lines"/> cache lines of native memory from <paramref name="address"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Native(nint address, int lines)
    {
        if (Sse.IsSupported && address != 0)
        {
            for (int i = 0; i < lines; i++)
            {
                Sse.Prefetch0((byte*)address + (i * 64));
            }
        }
    }
}
