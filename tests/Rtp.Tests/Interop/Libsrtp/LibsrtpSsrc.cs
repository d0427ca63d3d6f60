using System.Runtime.InteropServices;

namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>
/// The mirror of libsrtp2's <c>srtp_ssrc_t</c> (srtp.h, libsrtp 2.5), measured with gcc on x86-64:
/// <code>
///  offset 0  srtp_ssrc_type_t type    4 bytes
///  offset 4  unsigned int value       4 bytes     8 bytes in all
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LibsrtpSsrc
{
    public LibsrtpSsrcType Type;
    public uint Value;
}
