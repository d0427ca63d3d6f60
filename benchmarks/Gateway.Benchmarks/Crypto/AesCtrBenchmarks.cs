using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// AES-CTR keystream XOR in place (SRTP's AES-CM, RFC 3711 §4.1.1, and SRTCP's), best native
/// implementation vs the Managed fallback (Aes.EncryptEcb over counter blocks).
/// </summary>
[MemoryDiagnoser]
public class AesCtrBenchmarks
{
    private AesContext _context = null!;
    private NativeBuffer _counter = null!;
    private NativeBuffer _data = null!;

    /// <summary>The best native implementation and Managed.</summary>
    public static IEnumerable<AesImplementation> Implementations => [BenchNative.BestImplementation(), AesImplementation.Managed];

    [ParamsSource(nameof(Implementations))]
    public AesImplementation Implementation { get; set; }

    [Params(160, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _context = AesContext.Create(GcmInputs.Key(16), Implementation);
        _counter = new NativeBuffer(AesContext.BlockSize);
        _data = new NativeBuffer(Size);
        GcmInputs.FillNonce(_counter.Span, 7); // RFC 3711 §4.1.1: salt ^ (SSRC, index) in the top 112 bits, block counter below
        GcmInputs.FillPayload(_data.Span, 7);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _counter.Dispose();
        _data.Dispose();
    }

    [Benchmark]
    public void TransformCtr() => _context.TransformCtr(_counter.Span, _data.Span, _data.Span);
}
