using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Gateway.Rtp.Tests.Interop.Libsrtp;

internal static partial class Interop
{
    /// <summary>
    /// The libsrtp2 exports the interop tests and benchmarks use, bound by hand: the library is
    /// loaded by its soname with <see cref="NativeLibrary.TryLoad(string, out nint)"/> and each export
    /// is read into an unmanaged function pointer. No DllImport resolver is registered, so a test or
    /// benchmark assembly that links these files keeps its own resolver free, and a missing library is
    /// one clear message (<see cref="InstallHint"/>) instead of a DllNotFoundException at the first call.
    /// </summary>
    /// <remarks>
    /// Every signature is blittable (int, pointers), so a call is a plain cdecl call. Call
    /// <see cref="EnsureLoaded"/> (or <see cref="TryLoad"/>) first; <see cref="LibsrtpSession"/> does.
    /// </remarks>
    internal static unsafe class Libsrtp
    {
        /// <summary>The soname of libsrtp 2.x (Debian: package libsrtp2-1).</summary>
        internal const string LibraryName = "libsrtp2.so.1";

        /// <summary>What to do when the library is missing: the message every failure quotes.</summary>
        internal const string InstallHint =
            "libsrtp2 (" + LibraryName + ") could not be loaded: install the Debian package libsrtp2-1 " +
            "(apt-get install libsrtp2-1, or run scripts/setup.sh test as root).";

        /// <summary>libsrtp writes at most this many bytes past an RTP packet: tag and MKI (srtp.h).</summary>
        internal const int MaxTrailerLength = 144;

        /// <summary>
        /// libsrtp writes at most this many bytes past an RTCP packet: the SRTCP index word, tag and MKI
        /// (srtp.h: "SRTP_MAX_TRAILER_LEN+4").
        /// </summary>
        internal const int MaxRtcpTrailerLength = MaxTrailerLength + 4;

        private static readonly Lock Gate = new();
        private static string? s_loadError;
        private static bool s_loaded;

        private static delegate* unmanaged<int> s_init;
        private static delegate* unmanaged<nint> s_versionString;
        private static delegate* unmanaged<nint*, LibsrtpPolicy*, int> s_create;
        private static delegate* unmanaged<nint, int> s_dealloc;
        private static delegate* unmanaged<nint, byte*, int*, int> s_protect;
        private static delegate* unmanaged<nint, byte*, int*, int> s_unprotect;
        private static delegate* unmanaged<nint, byte*, int*, int> s_protectRtcp;
        private static delegate* unmanaged<nint, byte*, int*, int> s_unprotectRtcp;
        private static delegate* unmanaged<LibsrtpCryptoPolicy*, void> s_setAesCm128HmacSha1_80;
        private static delegate* unmanaged<LibsrtpCryptoPolicy*, void> s_setAesCm128HmacSha1_32;
        private static delegate* unmanaged<LibsrtpCryptoPolicy*, void> s_setAesGcm128_16Auth;
        private static delegate* unmanaged<LibsrtpCryptoPolicy*, void> s_setAesGcm256_16Auth;

        /// <summary>
        /// Loads libsrtp2, binds every export and runs <c>srtp_init</c>, once per process. On failure
        /// <paramref name="error"/> says what is missing and how to install it; later calls return the
        /// same answer.
        /// </summary>
        internal static bool TryLoad([NotNullWhen(false)] out string? error)
        {
            lock (Gate)
            {
                if (!s_loaded && s_loadError is null)
                {
                    s_loadError = Load();
                    s_loaded = s_loadError is null;
                }

                error = s_loadError;
                return s_loaded;
            }
        }

        /// <summary>As <see cref="TryLoad"/>, but throws with the install hint when libsrtp2 is missing.</summary>
        internal static void EnsureLoaded()
        {
            if (!TryLoad(out string? error))
            {
                throw new InvalidOperationException(error);
            }
        }

        /// <summary><c>srtp_get_version_string()</c>, e.g. "libsrtp2 2.5.0".</summary>
        internal static string VersionString()
        {
            EnsureLoaded();
            return Marshal.PtrToStringUTF8(s_versionString()) ?? string.Empty;
        }

        /// <summary><c>srtp_create(srtp_t *session, const srtp_policy_t *policy)</c>.</summary>
        internal static LibsrtpStatus Create(nint* session, LibsrtpPolicy* policy) => (LibsrtpStatus)s_create(session, policy);

        /// <summary><c>srtp_dealloc(srtp_t s)</c>.</summary>
        internal static LibsrtpStatus Dealloc(nint session) => (LibsrtpStatus)s_dealloc(session);

        /// <summary>
        /// <c>srtp_protect(srtp_t ctx, void *rtp_hdr, int *len_ptr)</c>: in place; the buffer must have
        /// <see cref="MaxTrailerLength"/> bytes of room past <paramref name="length"/>.
        /// </summary>
        internal static LibsrtpStatus Protect(nint session, byte* packet, int* length) => (LibsrtpStatus)s_protect(session, packet, length);

        /// <summary><c>srtp_unprotect(srtp_t ctx, void *srtp_hdr, int *len_ptr)</c>: in place.</summary>
        internal static LibsrtpStatus Unprotect(nint session, byte* packet, int* length) => (LibsrtpStatus)s_unprotect(session, packet, length);

        /// <summary>
        /// <c>srtp_protect_rtcp(srtp_t ctx, void *rtcp_hdr, int *pkt_octet_len)</c>: in place; the
        /// buffer must have <see cref="MaxRtcpTrailerLength"/> bytes of room past <paramref name="length"/>.
        /// </summary>
        internal static LibsrtpStatus ProtectRtcp(nint session, byte* packet, int* length) => (LibsrtpStatus)s_protectRtcp(session, packet, length);

        /// <summary><c>srtp_unprotect_rtcp(srtp_t ctx, void *srtcp_hdr, int *pkt_octet_len)</c>: in place.</summary>
        internal static LibsrtpStatus UnprotectRtcp(nint session, byte* packet, int* length) => (LibsrtpStatus)s_unprotectRtcp(session, packet, length);

        /// <summary>
        /// Fills <paramref name="policy"/> with the matching <c>srtp_crypto_policy_set_*</c> function.
        /// With <paramref name="forRtcp"/> AES_CM_128_HMAC_SHA1_32 keeps the 80-bit tag (RFC 5764
        /// §4.1.2), as libsrtp's srtp_crypto_policy_set_from_profile_for_rtcp does.
        /// </summary>
        internal static void SetCryptoPolicy(LibsrtpProfile profile, bool forRtcp, LibsrtpCryptoPolicy* policy)
        {
            EnsureLoaded();
            switch (profile)
            {
                case LibsrtpProfile.AesGcm128:
                    s_setAesGcm128_16Auth(policy);
                    break;
                case LibsrtpProfile.AesGcm256:
                    s_setAesGcm256_16Auth(policy);
                    break;
                case LibsrtpProfile.AesCm128HmacSha1_80:
                    s_setAesCm128HmacSha1_80(policy);
                    break;
                case LibsrtpProfile.AesCm128HmacSha1_32 when forRtcp:
                    s_setAesCm128HmacSha1_80(policy);
                    break;
                case LibsrtpProfile.AesCm128HmacSha1_32:
                    s_setAesCm128HmacSha1_32(policy);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(profile), profile, "not a libsrtp profile of the binding");
            }
        }

        private static string? Load()
        {
            if (!NativeLibrary.TryLoad(LibraryName, out nint library))
            {
                return InstallHint;
            }

            var missing = new List<string>();
            s_init = (delegate* unmanaged<int>)Export(library, "srtp_init", missing);
            s_versionString = (delegate* unmanaged<nint>)Export(library, "srtp_get_version_string", missing);
            s_create = (delegate* unmanaged<nint*, LibsrtpPolicy*, int>)Export(library, "srtp_create", missing);
            s_dealloc = (delegate* unmanaged<nint, int>)Export(library, "srtp_dealloc", missing);
            s_protect = (delegate* unmanaged<nint, byte*, int*, int>)Export(library, "srtp_protect", missing);
            s_unprotect = (delegate* unmanaged<nint, byte*, int*, int>)Export(library, "srtp_unprotect", missing);
            s_protectRtcp = (delegate* unmanaged<nint, byte*, int*, int>)Export(library, "srtp_protect_rtcp", missing);
            s_unprotectRtcp = (delegate* unmanaged<nint, byte*, int*, int>)Export(library, "srtp_unprotect_rtcp", missing);
            // srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80 is a macro for this one (srtp.h).
            s_setAesCm128HmacSha1_80 = (delegate* unmanaged<LibsrtpCryptoPolicy*, void>)Export(library, "srtp_crypto_policy_set_rtp_default", missing);
            s_setAesCm128HmacSha1_32 = (delegate* unmanaged<LibsrtpCryptoPolicy*, void>)Export(library, "srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32", missing);
            // Present only when libsrtp2 is built with a GCM backend (OpenSSL or NSS; Debian's uses NSS).
            s_setAesGcm128_16Auth = (delegate* unmanaged<LibsrtpCryptoPolicy*, void>)Export(library, "srtp_crypto_policy_set_aes_gcm_128_16_auth", missing);
            s_setAesGcm256_16Auth = (delegate* unmanaged<LibsrtpCryptoPolicy*, void>)Export(library, "srtp_crypto_policy_set_aes_gcm_256_16_auth", missing);
            if (missing.Count > 0)
            {
                return $"{LibraryName} loaded but lacks {string.Join(", ", missing)}: it is not a libsrtp 2.x built with " +
                    "AES-GCM (OpenSSL or NSS); install the Debian package libsrtp2-1.";
            }

            var status = (LibsrtpStatus)s_init();
            return status == LibsrtpStatus.Ok ? null : $"srtp_init failed: {status}.";
        }

        private static nint Export(nint library, string name, List<string> missing)
        {
            if (NativeLibrary.TryGetExport(library, name, out nint address))
            {
                return address;
            }

            missing.Add(name);
            return 0;
        }
    }
}
