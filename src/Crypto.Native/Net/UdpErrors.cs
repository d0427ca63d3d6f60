using System.Net.Sockets;

namespace Gateway.Crypto.Native.Net;

/// <summary>Maps native statuses (GW_ERR_*, and -(1000 + errno) for socket failures) onto <see cref="SocketError"/>.</summary>
internal static class UdpErrors
{
    /// <summary>The negative result the batch calls return for <paramref name="error"/>.</summary>
    internal static int Result(SocketError error) => -(int)error;

    internal static SocketError FromStatus(int status)
    {
        if (status == NativeStatus.Argument)
        {
            return SocketError.InvalidArgument;
        }

        if (status == NativeStatus.Unsupported)
        {
            return SocketError.OperationNotSupported;
        }

        // Linux errno values (asm-generic/errno-base.h, errno.h); the native library is Linux only.
        return (-status - Interop.Udp.SystemErrorBase) switch
        {
            1 or 13 => SocketError.AccessDenied,              // EPERM, EACCES
            9 or 88 => SocketError.NotSocket,                 // EBADF, ENOTSOCK
            11 => SocketError.WouldBlock,                     // EAGAIN
            22 => SocketError.InvalidArgument,                // EINVAL
            38 or 95 => SocketError.OperationNotSupported,    // ENOSYS, EOPNOTSUPP
            90 => SocketError.MessageSize,                    // EMSGSIZE
            97 => SocketError.AddressFamilyNotSupported,      // EAFNOSUPPORT
            98 => SocketError.AddressAlreadyInUse,            // EADDRINUSE
            99 => SocketError.AddressNotAvailable,            // EADDRNOTAVAIL
            101 => SocketError.NetworkUnreachable,            // ENETUNREACH
            105 => SocketError.NoBufferSpaceAvailable,        // ENOBUFS
            111 => SocketError.ConnectionRefused,             // ECONNREFUSED
            113 => SocketError.HostUnreachable,               // EHOSTUNREACH
            _ => SocketError.SocketError,
        };
    }
}
