using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native.Net;

/// <summary>Owns the descriptor gw_udp_open returned: closes it on Dispose or from the finalizer.</summary>
internal sealed class UdpSocketHandle : SafeHandle
{
    public UdpSocketHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle < 0;

    internal void Adopt(int fd) => SetHandle(fd);

    protected override bool ReleaseHandle() => Interop.Udp.Close((int)handle) == NativeStatus.Ok;
}
