using System.Runtime.InteropServices;

namespace Gateway.Transport;

/// <summary>
/// A long alone on its cache line (128 bytes: two lines, against the adjacent-line prefetcher), so a
/// producer's index and a consumer's index never share a line and do not bounce between cores.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
