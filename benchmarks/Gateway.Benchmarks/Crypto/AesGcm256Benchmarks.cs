using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// AES-256-GCM (14 rounds instead of 10) for the best native implementation only, single calls and
/// its C loop: enough to see what the longer key costs without doubling the whole suite.
/// </summary>
[MemoryDiagnoser]
public unsafe class AesGcm256Benchmarks
{
    private GcmPacket _packet = null!;
    private AesContext _context = null!;
    private nint _loopContext;

    [Params(64, 160, 1200, 8192)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] key = GcmInputs.Key(32);
        _packet = new GcmPacket(Size);
        _context = AesContext.Create(key, BenchNative.BestImplementation());
        _loopContext = BenchNative.CreateContext(key, (int)_context.Implementation);
        _context.SealGcm(_packet.Nonce.Span, _packet.Sealed.Span, _packet.Sealed.Span, _packet.SealedTag.Span, _packet.Aad.Span);
        _packet.VerifyOpened(Open(), "AesContext AES-256");
        _packet.Scratch.Span.Clear();
        GcmPacket p = _packet;
        _packet.VerifyOpened(BenchNative.OpenLoop(_loopContext, 1, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Scratch.Pointer, Size, p.SealedTag.Pointer) == 0, "C loop AES-256");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        BenchNative.AesFree(_loopContext);
        _packet.Dispose();
    }

    [Benchmark]
    public void Seal() =>
        _context.SealGcm(_packet.Nonce.Span, _packet.Data.Span, _packet.Data.Span, _packet.Tag.Span, _packet.Aad.Span);

    [Benchmark]
    public bool Open() =>
        _context.TryOpenGcm(_packet.Nonce.Span, _packet.Sealed.Span, _packet.SealedTag.Span, _packet.Scratch.Span, _packet.Aad.Span);

    [Benchmark(OperationsPerInvoke = GcmInputs.LoopCount)]
    public int CLoopSeal()
    {
        GcmPacket p = _packet;
        return BenchNative.SealLoop(_loopContext, GcmInputs.LoopCount, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Data.Pointer, Size, p.Tag.Pointer);
    }

    [Benchmark(OperationsPerInvoke = GcmInputs.LoopCount)]
    public int CLoopOpen()
    {
        GcmPacket p = _packet;
        return BenchNative.OpenLoop(_loopContext, GcmInputs.LoopCount, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Scratch.Pointer, Size, p.SealedTag.Pointer);
    }
}
