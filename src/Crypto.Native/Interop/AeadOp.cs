using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native;

/// <summary>
/// The blittable mirror of <c>gw_aead_op</c> (gateway_native.h): one packet of a batch.
/// <code>
///  offset  0  const gw_aes_ctx *ctx
///  offset  8  const uint8_t *nonce     12 bytes
///  offset 16  const uint8_t *aad
///  offset 24  uint8_t *data            sealed or opened in place
///  offset 32  uint8_t *tag             16 bytes
///  offset 40  int32_t aad_len
///  offset 44  int32_t data_len         48 bytes in all (64-bit)
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AeadOp
{
    /// <summary>The native context, or 0 for a Managed context (the batch runs those itself).</summary>
    public nint Context;
    public byte* Nonce;
    public byte* AssociatedData;
    public byte* Data;
    public byte* Tag;
    public int AssociatedDataLength;
    public int DataLength;
}
