using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native;

internal static partial class Interop
{
    /// <summary>
    /// The AES exports of gateway_native.h. Every signature is blittable (integers, nint and
    /// pointers), so the generated stubs are plain calls with no marshalling and no allocation.
    /// </summary>
    /// <remarks>
    /// Seal and open have [SuppressGCTransition] twins for packet-sized inputs (AesContext uses them up to
    /// <see cref="AesContext.ShortCallBytes"/>): a call then costs no transition frame and no thread-state writes. In a
    /// hot loop that saves little (about 20 ns for a 64-byte vaes512 seal either way), but the relay makes one call
    /// per subscriber per packet from a thread that sleeps between bursts, where the frame set-up (a call into the
    /// runtime and its thread-local state, cold after a sleep) showed as a tenth of the relay's user time. Such a
    /// call holds off a GC for its length: well under a microsecond for a packet on the SIMD paths, some tens of
    /// microseconds on the portable one, hence the bound.
    /// </remarks>
    internal static unsafe partial class Aes
    {
        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_abi_version")]
        internal static partial int AbiVersion();

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_cpu_features")]
        internal static partial ulong CpuFeatures();

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_impl_supported")]
        internal static partial int ImplementationSupported(int implementation);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_impl_best")]
        internal static partial int BestImplementation();

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_impl_name")]
        internal static partial byte* ImplementationName(int implementation);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_ctx_create")]
        internal static partial int ContextCreate(byte* key, int keyLength, int implementation, nint* context);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_ctx_free")]
        internal static partial void ContextFree(nint context);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_ctx_impl")]
        internal static partial int ContextImplementation(nint context);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_gcm_seal")]
        internal static partial int GcmSeal(nint context, byte* nonce, byte* associatedData, int associatedDataLength,
            byte* input, byte* output, int length, byte* tag);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_gcm_open")]
        internal static partial int GcmOpen(nint context, byte* nonce, byte* associatedData, int associatedDataLength,
            byte* input, byte* output, int length, byte* tag);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_gcm_seal")]
        [SuppressGCTransition]
        internal static partial int GcmSealShort(nint context, byte* nonce, byte* associatedData, int associatedDataLength,
            byte* input, byte* output, int length, byte* tag);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_gcm_open")]
        [SuppressGCTransition]
        internal static partial int GcmOpenShort(nint context, byte* nonce, byte* associatedData, int associatedDataLength,
            byte* input, byte* output, int length, byte* tag);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_gcm_seal_batch")]
        internal static partial int GcmSealBatch(AeadOp* ops, int count, int* status);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_gcm_open_batch")]
        internal static partial int GcmOpenBatch(AeadOp* ops, int count, int* status);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_ctr_xor")]
        internal static partial int CtrXor(nint context, byte* counter, byte* input, byte* output, int length);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_aes_encrypt_block")]
        internal static partial int EncryptBlock(nint context, byte* input, byte* output);
    }
}
