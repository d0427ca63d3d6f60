using System.Runtime.InteropServices;
using Gateway.Crypto.Native.Net;

namespace Gateway.Crypto.Native;

internal static partial class Interop
{
    /// <summary>
    /// The batched UDP exports of gateway_native.h (Linux). Blittable signatures only: the generated
    /// stubs are plain calls with no marshalling and no allocation.
    /// </summary>
    internal static unsafe partial class Udp
    {
        /// <summary>GW_ERR_SYSTEM_BASE: a socket failure is -(1000 + errno).</summary>
        internal const int SystemErrorBase = 1000;

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_open")]
        internal static partial int Open(byte* address, int addressLength, int flags, int* fd);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_local_address")]
        internal static partial int LocalAddress(int fd, byte* address, int* length);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_gro_enabled")]
        internal static partial int GroEnabled(int fd);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_close")]
        internal static partial int Close(int fd);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_recv_batch")]
        internal static partial int ReceiveBatch(int fd, UdpDatagram* messages, int count);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_recv_batch_wait")]
        internal static partial int ReceiveBatchWaiting(int fd, UdpDatagram* messages, int count);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_set_receive_timeout")]
        internal static partial int SetReceiveTimeout(int fd, int timeoutMilliseconds);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_send_batch")]
        internal static partial int SendBatch(int fd, UdpDatagram* messages, int count);

        [LibraryImport(Libraries.GatewayNative, EntryPoint = "gw_udp_send_gso")]
        internal static partial int SendGso(int fd, byte* buffer, int totalLength, int segmentSize, byte* address, int addressLength);
    }
}
