using System.Runtime.InteropServices;

namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>
/// The mirror of libsrtp2's <c>srtp_policy_t</c> (srtp.h, libsrtp 2.5), measured with gcc on x86-64
/// (sizeof/offsetof, see LibsrtpLayoutTests):
/// <code>
///  offset   0  srtp_ssrc_t ssrc                    8
///  offset   8  srtp_crypto_policy_t rtp           24
///  offset  32  srtp_crypto_policy_t rtcp          24
///  offset  56  unsigned char *key                  master key || master salt
///  offset  64  srtp_master_key_t **keys            NULL: no MKI
///  offset  72  unsigned long num_master_keys
///  offset  80  void *deprecated_ekt
///  offset  88  unsigned long window_size           0 means libsrtp's default, 128
///  offset  96  int allow_repeat_tx                 (4 bytes of padding follow)
///  offset 104  int *enc_xtn_hdr                    RFC 6904 header-extension ids to encrypt
///  offset 112  int enc_xtn_hdr_count               (4 bytes of padding follow)
///  offset 120  struct srtp_policy_t *next          128 bytes in all
/// </code>
/// <c>unsigned long</c> is <see cref="CULong"/> so the mirror stays right on an LLP64 platform too.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibsrtpPolicy
{
    public LibsrtpSsrc Ssrc;
    public LibsrtpCryptoPolicy Rtp;
    public LibsrtpCryptoPolicy Rtcp;
    public byte* Key;
    public nint Keys;
    public CULong NumMasterKeys;
    public nint DeprecatedEkt;
    public CULong WindowSize;
    public int AllowRepeatTx;
    public int* EncryptedExtensionHeaderIds;
    public int EncryptedExtensionHeaderCount;
    public LibsrtpPolicy* Next;
}
