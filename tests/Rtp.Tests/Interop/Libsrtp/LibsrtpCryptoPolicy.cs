using System.Runtime.InteropServices;

namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>
/// The mirror of libsrtp2's <c>srtp_crypto_policy_t</c> (srtp.h, libsrtp 2.5), measured with gcc on
/// x86-64 (sizeof/offsetof, see LibsrtpLayoutTests):
/// <code>
///  offset  0  srtp_cipher_type_id_t cipher_type   uint32_t
///  offset  4  int cipher_key_len                  key || salt, in octets
///  offset  8  srtp_auth_type_id_t auth_type       uint32_t
///  offset 12  int auth_key_len
///  offset 16  int auth_tag_len
///  offset 20  srtp_sec_serv_t sec_serv            24 bytes in all
/// </code>
/// Filled by the <c>srtp_crypto_policy_set_*</c> functions, never by hand, so libsrtp decides the
/// values for each profile.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LibsrtpCryptoPolicy
{
    public uint CipherType;
    public int CipherKeyLength;
    public uint AuthType;
    public int AuthKeyLength;
    public int AuthTagLength;
    public LibsrtpSecurityServices SecurityServices;
}
