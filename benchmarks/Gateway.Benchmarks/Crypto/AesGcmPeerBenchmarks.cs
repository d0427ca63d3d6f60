using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// The peers our AES-128-GCM is compared with: System.Security.Cryptography.AesGcm with one reused
/// instance per key (what a .NET relay would write), and OpenSSL EVP with a reused EVP_CIPHER_CTX
/// driven from a C loop (what a C relay would write), reported per operation.
/// </summary>
[MemoryDiagnoser]
public unsafe class AesGcmPeerBenchmarks
{
    private GcmPacket _packet = null!;
    private AesGcm _dotnet = null!;
    private nint _evp;

    [Params(64, 160, 1200, 8192)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] key = GcmInputs.Key(16);
        _packet = new GcmPacket(Size);
        _dotnet = new AesGcm(key, GcmInputs.TagSize);
        _dotnet.Encrypt(_packet.Nonce.Span, _packet.Sealed.Span, _packet.Sealed.Span, _packet.SealedTag.Span, _packet.Aad.Span);
        _packet.VerifyOpened(DotNetOpen(), "System.Security.Cryptography.AesGcm");

        _evp = BenchNative.CreateEvp(key);
        if (_evp != 0)
        {
            _packet.Scratch.Span.Clear();
            _packet.VerifyOpened(EvpOpenOnce(1) == 0, "OpenSSL EVP");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dotnet.Dispose();
        if (_evp != 0)
        {
            BenchNative.EvpFree(_evp);
        }

        _packet.Dispose();
    }

    /// <summary>AesGcm.Encrypt in place with a reused instance.</summary>
    [Benchmark]
    public void DotNetSeal() =>
        _dotnet.Encrypt(_packet.Nonce.Span, _packet.Data.Span, _packet.Data.Span, _packet.Tag.Span, _packet.Aad.Span);

    /// <summary>AesGcm.Decrypt out of place; false on a tag mismatch (it throws, so none is expected).</summary>
    [Benchmark]
    public bool DotNetOpen()
    {
        _dotnet.Decrypt(_packet.Nonce.Span, _packet.Sealed.Span, _packet.SealedTag.Span, _packet.Scratch.Span, _packet.Aad.Span);
        return true;
    }

    [Benchmark(OperationsPerInvoke = GcmInputs.LoopCount)]
    public int EvpSeal()
    {
        GcmPacket p = _packet;
        return BenchNative.EvpSealLoop(RequireEvp(), GcmInputs.LoopCount, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Data.Pointer, Size, p.Tag.Pointer);
    }

    [Benchmark(OperationsPerInvoke = GcmInputs.LoopCount)]
    public int EvpOpen() => EvpOpenOnce(GcmInputs.LoopCount);

    private int EvpOpenOnce(int iterations)
    {
        GcmPacket p = _packet;
        return BenchNative.EvpOpenLoop(RequireEvp(), iterations, p.Nonce.Pointer, p.Aad.Pointer, GcmInputs.AadSize, p.Sealed.Pointer, p.Scratch.Pointer, Size, p.SealedTag.Pointer);
    }

    private nint RequireEvp() =>
        _evp != 0 ? _evp : throw new InvalidOperationException("libgateway_native_bench was built without OpenSSL (install libssl-dev and rebuild)");
}
