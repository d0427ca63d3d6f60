using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native;

internal static partial class Interop
{
    /// <summary>The worker-support exports of gateway_native.h (gw_event_*, gw_udp_wait, gw_udp_set_buffers; Linux).</summary>
    internal static partial class UdpWait
    {
        /// <summary>GW_WAIT_READABLE.</summary>
        internal const int Readable = 1;

        /// <summary>GW_WAIT_SIGNALED.</summary>
        internal const int Signaled = 2;

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_event_open")]
        internal static unsafe partial int EventOpen(int* fd);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_event_signal")]
        internal static partial int EventSignal(int fd);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_event_close")]
        internal static partial int EventClose(int fd);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_set_buffers")]
        internal static partial int SetBuffers(int fd, int receiveBytes, int sendBytes);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_wait")]
        internal static partial int Wait(int fd, int eventFd, int timeoutMilliseconds);
    }
}
