using BenchmarkDotNet.Attributes;
using Gateway.Rtp.Srtp;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// The extra work <see cref="SrtpUnprotectBenchmarks"/> does per call on both sides, alone: copying the
/// next packet of the ring into the working buffer (AEAD_AES_128_GCM ring: 16-byte tags, the longest).
/// Subtracting it from both sides' unprotect times gives the unprotect cost itself.
/// </summary>
[MemoryDiagnoser]
public class SrtpRestoreBenchmarks
{
    private SrtpPacketRing _ring = null!;

    [Params(160, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _ring = new SrtpPacketRing(SrtpProfile.AeadAes128Gcm, Size);

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    [Benchmark]
    public bool Restore() => _ring.RestoreNext();
}
