using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// The plain C loop: gw_aes_gcm_seal / gw_aes_gcm_open called <see cref="GcmInputs.LoopCount"/> times
/// from C in one P/Invoke (native/bench/bench_loops.c), reported per operation. The floor the managed
/// single calls are held to: the difference is the cost of the managed-to-native transition and
/// of the managed wrapper.
/// </summary>
[MemoryDiagnoser]
public unsafe class AesGcmCLoopBenchmarks
{
    private GcmPacket _packet = null!;
    private nint _context;

    /// <summary>Every native implementation this CPU runs (a C loop has no Managed flavour).</summary>
    public static IEnumerable<AesImplementation> Implementations =>
        CryptoBackend.SupportedImplementations.Where(i => i != AesImplementation.Managed);

    [ParamsSource(nameof(Implementations))]
    public AesImplementation Implementation { get; set; }

    [Params(64, 160, 1200, 8192)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _packet = new GcmPacket(Size);
        _context = BenchNative.CreateContext(GcmInputs.Key(16), (int)Implementation);
        GcmPacket p = _packet;
        if (BenchNative.SealLoop(_context, 1, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, Size, p.SealedTag.Pointer) != 0)
        {
            throw new InvalidOperationException("gw_bench_seal_loop failed");
        }

        p.VerifyOpened(BenchNative.OpenLoop(_context, 1, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Scratch.Pointer, Size, p.SealedTag.Pointer) == 0, $"C loop {Implementation}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        BenchNative.AesFree(_context);
        _packet.Dispose();
    }

    [Benchmark(OperationsPerInvoke = GcmInputs.LoopCount)]
    public int Seal()
    {
        GcmPacket p = _packet;
        return BenchNative.SealLoop(_context, GcmInputs.LoopCount, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Data.Pointer, Size, p.Tag.Pointer);
    }

    [Benchmark(OperationsPerInvoke = GcmInputs.LoopCount)]
    public int Open()
    {
        GcmPacket p = _packet;
        return BenchNative.OpenLoop(_context, GcmInputs.LoopCount, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Scratch.Pointer, Size, p.SealedTag.Pointer);
    }
}
