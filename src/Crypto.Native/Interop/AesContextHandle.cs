using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native;

/// <summary>
/// Owns one native <c>gw_aes_ctx</c>: frees (and so wipes) it on Dispose, or from the finalizer when
/// an <see cref="AesContext"/> is dropped undisposed. The hot path reads the raw pointer once per
/// call instead of AddRef/Release (see <see cref="AesContext"/> on disposal while in use).
/// </summary>
internal sealed class AesContextHandle : SafeHandle
{
    public AesContextHandle()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of a context gw_aes_ctx_create returned.</summary>
    internal void Adopt(nint context) => SetHandle(context);

    protected override bool ReleaseHandle()
    {
        Interop.Aes.ContextFree(handle);
        return true;
    }
}
