using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native.Net;

/// <summary>Owns the eventfd gw_event_open returned: closes it on Dispose or from the finalizer.</summary>
internal sealed class WakeEventHandle : SafeHandle
{
    public WakeEventHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle < 0;

    internal void Adopt(int fd) => SetHandle(fd);

    protected override bool ReleaseHandle() => Interop.UdpWait.EventClose((int)handle) == NativeStatus.Ok;
}
