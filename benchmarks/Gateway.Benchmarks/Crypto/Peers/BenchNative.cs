using System.Runtime.InteropServices;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Crypto.Peers;

/// <summary>
/// The C peers in libgateway_native_bench.so (native/bench/gateway_native_bench.h): plain C loops over
/// the gw_ exports and OpenSSL EVP with a reused context. The library links its own copy of the AES
/// core, so the loops get their contexts from its gw_aes_ctx_create, not from AesContext.
/// </summary>
internal static unsafe partial class BenchNative
{
    internal const string Library = "gateway_native_bench";

    public const int Ok = 0;
    public const int Unsupported = -3;

    [LibraryImport(Library, EntryPoint = "gw_cpu_features")]
    public static partial ulong CpuFeatures();

    [LibraryImport(Library, EntryPoint = "gw_aes_impl_best")]
    public static partial int ImplBest();

    [LibraryImport(Library, EntryPoint = "gw_aes_ctx_create")]
    public static partial int AesCreate(byte* key, int keyLength, int implementation, nint* context);

    [LibraryImport(Library, EntryPoint = "gw_aes_ctx_free")]
    public static partial void AesFree(nint context);

    [LibraryImport(Library, EntryPoint = "gw_aes_gcm_seal")]
    public static partial int GcmSeal(nint context, byte* nonce, byte* aad, int aadLength, byte* input, byte* output, int length, byte* tag);

    [LibraryImport(Library, EntryPoint = "gw_aes_gcm_open")]
    public static partial int GcmOpen(nint context, byte* nonce, byte* aad, int aadLength, byte* input, byte* output, int length, byte* tag);

    // The same two exports without the GC transition (the thread stays in cooperative mode for the
    // call), to measure what Crypto.Native would gain from [SuppressGCTransition] on single calls.
    [LibraryImport(Library, EntryPoint = "gw_aes_gcm_seal")]
    [SuppressGCTransition]
    public static partial int GcmSealNoTransition(nint context, byte* nonce, byte* aad, int aadLength, byte* input, byte* output, int length, byte* tag);

    [LibraryImport(Library, EntryPoint = "gw_aes_gcm_open")]
    [SuppressGCTransition]
    public static partial int GcmOpenNoTransition(nint context, byte* nonce, byte* aad, int aadLength, byte* input, byte* output, int length, byte* tag);

    [LibraryImport(Library, EntryPoint = "gw_bench_seal_loop")]
    public static partial int SealLoop(nint context, int iterations, byte* nonce, byte* aad, int aadLength, byte* data, int length, byte* tag);

    [LibraryImport(Library, EntryPoint = "gw_bench_open_loop")]
    public static partial int OpenLoop(nint context, int iterations, byte* nonce, byte* aad, int aadLength, byte* sealedData, byte* scratch, int length, byte* tag);

    [LibraryImport(Library, EntryPoint = "gw_bench_seal_ops")]
    public static partial int SealOps(AeadOp* ops, int count);

    [LibraryImport(Library, EntryPoint = "gw_bench_open_ops")]
    public static partial int OpenOps(AeadOp* ops, int count, byte* sealedData, int stride);

    [LibraryImport(Library, EntryPoint = "gw_bench_evp_available")]
    public static partial int EvpAvailable();

    [LibraryImport(Library, EntryPoint = "gw_bench_evp_version")]
    public static partial byte* EvpVersion();

    [LibraryImport(Library, EntryPoint = "gw_bench_evp_create")]
    public static partial int EvpCreate(byte* key, int keyLength, nint* evp);

    [LibraryImport(Library, EntryPoint = "gw_bench_evp_free")]
    public static partial void EvpFree(nint evp);

    [LibraryImport(Library, EntryPoint = "gw_bench_evp_seal_loop")]
    public static partial int EvpSealLoop(nint evp, int iterations, byte* nonce, byte* aad, int aadLength, byte* data, int length, byte* tag);

    [LibraryImport(Library, EntryPoint = "gw_bench_evp_open_loop")]
    public static partial int EvpOpenLoop(nint evp, int iterations, byte* nonce, byte* aad, int aadLength, byte* sealedData, byte* scratch, int length, byte* tag);

    /// <summary>The fastest native implementation this CPU runs (gw_aes_impl_best: never Auto, never Managed).</summary>
    public static AesImplementation BestImplementation() => (AesImplementation)ImplBest();

    /// <summary>A C context for <paramref name="implementation"/> (native values 1..5); throws when it cannot be made.</summary>
    public static nint CreateContext(ReadOnlySpan<byte> key, int implementation)
    {
        nint context = 0;
        int status;
        fixed (byte* k = key)
        {
            status = AesCreate(k, key.Length, implementation, &context);
        }

        return status == Ok ? context : throw new InvalidOperationException($"gw_aes_ctx_create({implementation}) failed: {status}");
    }

    /// <summary>An OpenSSL EVP peer for <paramref name="key"/>, or 0 when the library was built without OpenSSL.</summary>
    public static nint CreateEvp(ReadOnlySpan<byte> key)
    {
        nint evp = 0;
        int status;
        fixed (byte* k = key)
        {
            status = EvpCreate(k, key.Length, &evp);
        }

        return status switch
        {
            Ok => evp,
            Unsupported => 0,
            _ => throw new InvalidOperationException($"gw_bench_evp_create failed: {status}"),
        };
    }

    /// <summary>OpenSSL's version text, or "none".</summary>
    public static string OpenSslVersion() => Marshal.PtrToStringUTF8((nint)EvpVersion()) ?? "none";
}
