using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// A bare gw_aes_gcm_seal / gw_aes_gcm_open P/Invoke (no managed wrapper, best native
/// implementation), with the normal GC transition and with [SuppressGCTransition]: what skipping the
/// transition would save on a short call. Crypto.Native does not offer the suppressed variant; this
/// keeps the measurement behind that choice repeatable.
/// </summary>
[MemoryDiagnoser]
public unsafe class AesGcmGcTransitionBenchmarks
{
    private GcmPacket _packet = null!;
    private nint _context;

    [Params(160, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _packet = new GcmPacket(Size);
        _context = BenchNative.CreateContext(GcmInputs.Key(16), (int)BenchNative.BestImplementation());
        GcmPacket p = _packet;
        if (BenchNative.GcmSeal(_context, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Sealed.Pointer, Size, p.SealedTag.Pointer) != 0)
        {
            throw new InvalidOperationException("gw_aes_gcm_seal failed");
        }

        p.VerifyOpened(Open() == 0, "gw_aes_gcm_open");
        p.Scratch.Span.Clear();
        p.VerifyOpened(OpenShort() == 0, "gw_aes_gcm_open without GC transition");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        BenchNative.AesFree(_context);
        _packet.Dispose();
    }

    [Benchmark]
    public int Seal()
    {
        GcmPacket p = _packet;
        return BenchNative.GcmSeal(_context, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Data.Pointer, p.Data.Pointer, Size, p.Tag.Pointer);
    }

    [Benchmark]
    public int SealShort()
    {
        GcmPacket p = _packet;
        return BenchNative.GcmSealNoTransition(_context, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Data.Pointer, p.Data.Pointer, Size, p.Tag.Pointer);
    }

    [Benchmark]
    public int Open()
    {
        GcmPacket p = _packet;
        return BenchNative.GcmOpen(_context, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Scratch.Pointer, Size, p.SealedTag.Pointer);
    }

    [Benchmark]
    public int OpenShort()
    {
        GcmPacket p = _packet;
        return BenchNative.GcmOpenNoTransition(_context, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Scratch.Pointer, Size, p.SealedTag.Pointer);
    }
}
