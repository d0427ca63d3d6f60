using System.Runtime.InteropServices;

namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>Owns one libsrtp <c>srtp_t</c>: <c>srtp_dealloc</c> (which also wipes its keys) on release.</summary>
internal sealed class LibsrtpSessionHandle : SafeHandle
{
    public LibsrtpSessionHandle()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of a session srtp_create returned.</summary>
    internal void Adopt(nint session) => SetHandle(session);

    protected override bool ReleaseHandle() => Interop.Libsrtp.Dealloc(handle) == LibsrtpStatus.Ok;
}
