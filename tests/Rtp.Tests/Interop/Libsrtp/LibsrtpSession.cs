using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>
/// One libsrtp2 session keyed for one direction (<see cref="LibsrtpDirection"/>) with any SSRC: the
/// reference peer the SRTP interop tests and benchmarks compare ours with. Every call works in place
/// on the caller's buffer and allocates nothing; results are libsrtp's own status values.
/// </summary>
internal sealed unsafe class LibsrtpSession : IDisposable
{
    private readonly LibsrtpSessionHandle _handle;

    private LibsrtpSession(LibsrtpSessionHandle handle, LibsrtpProfile profile, LibsrtpDirection direction)
    {
        _handle = handle;
        Profile = profile;
        Direction = direction;
    }

    public LibsrtpProfile Profile { get; }

    public LibsrtpDirection Direction { get; }

    /// <summary>The master key length of <paramref name="profile"/> in bytes.</summary>
    public static int MasterKeyLength(LibsrtpProfile profile) => profile == LibsrtpProfile.AesGcm256 ? 32 : 16;

    /// <summary>
    /// The master salt length of <paramref name="profile"/>: 12 bytes for AEAD (RFC 7714 §12),
    /// 14 for AES-CM (RFC 3711 §8.2).
    /// </summary>
    public static int MasterSaltLength(LibsrtpProfile profile) =>
        profile is LibsrtpProfile.AesGcm128 or LibsrtpProfile.AesGcm256 ? 12 : 14;

    /// <summary>
    /// Creates a session with one wildcard-SSRC policy (<c>ssrc_any_outbound</c> or
    /// <c>ssrc_any_inbound</c>). Throws with the install hint when libsrtp2 cannot be loaded.
    /// <paramref name="windowSize"/> is the replay window (libsrtp takes 64 to 32767; 128 is its
    /// default); <paramref name="allowRepeatTx"/> lets libsrtp protect the same sequence number twice.
    /// </summary>
    public static LibsrtpSession Create(
        LibsrtpProfile profile,
        ReadOnlySpan<byte> masterKey,
        ReadOnlySpan<byte> masterSalt,
        LibsrtpDirection direction,
        int windowSize = 128,
        bool allowRepeatTx = false)
    {
        Interop.Libsrtp.EnsureLoaded();
        if (masterKey.Length != MasterKeyLength(profile))
        {
            throw new ArgumentException($"{profile} takes a {MasterKeyLength(profile)}-byte master key.", nameof(masterKey));
        }

        if (masterSalt.Length != MasterSaltLength(profile))
        {
            throw new ArgumentException($"{profile} takes a {MasterSaltLength(profile)}-byte master salt.", nameof(masterSalt));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowSize, 0x7FFF);

        // libsrtp takes key || salt in one buffer; it derives the session keys inside srtp_create and
        // keeps no pointer to this one, which is wiped before returning.
        Span<byte> keyAndSalt = stackalloc byte[masterKey.Length + masterSalt.Length];
        masterKey.CopyTo(keyAndSalt);
        masterSalt.CopyTo(keyAndSalt[masterKey.Length..]);
        var handle = new LibsrtpSessionHandle();
        try
        {
            LibsrtpPolicy policy = default;
            policy.Ssrc.Type = direction == LibsrtpDirection.Outbound ? LibsrtpSsrcType.AnyOutbound : LibsrtpSsrcType.AnyInbound;
            Interop.Libsrtp.SetCryptoPolicy(profile, forRtcp: false, &policy.Rtp);
            Interop.Libsrtp.SetCryptoPolicy(profile, forRtcp: true, &policy.Rtcp);
            policy.WindowSize = new CULong((uint)windowSize);
            policy.AllowRepeatTx = allowRepeatTx ? 1 : 0;
            nint session = 0;
            LibsrtpStatus status;
            fixed (byte* key = keyAndSalt)
            {
                policy.Key = key;
                status = Interop.Libsrtp.Create(&session, &policy);
            }

            if (status != LibsrtpStatus.Ok)
            {
                throw new InvalidOperationException($"srtp_create failed for {profile}: {status}.");
            }

            handle.Adopt(session);
            return new LibsrtpSession(handle, profile, direction);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyAndSalt);
        }
    }

    /// <summary>
    /// <c>srtp_protect</c> in place: the RTP packet is <paramref name="buffer"/>[..length], and the
    /// buffer must hold <see cref="Interop.Libsrtp.MaxTrailerLength"/> more bytes.
    /// </summary>
    public LibsrtpStatus ProtectRtp(Span<byte> buffer, int length, out int protectedLength) =>
        Call(Operation.Protect, buffer, length, Interop.Libsrtp.MaxTrailerLength, out protectedLength);

    /// <summary><c>srtp_unprotect</c> in place: <paramref name="plainLength"/> is the RTP packet's new end.</summary>
    public LibsrtpStatus UnprotectRtp(Span<byte> buffer, int length, out int plainLength) =>
        Call(Operation.Unprotect, buffer, length, 0, out plainLength);

    /// <summary>
    /// <c>srtp_protect_rtcp</c> in place: the buffer must hold
    /// <see cref="Interop.Libsrtp.MaxRtcpTrailerLength"/> more bytes than <paramref name="length"/>.
    /// </summary>
    public LibsrtpStatus ProtectRtcp(Span<byte> buffer, int length, out int protectedLength) =>
        Call(Operation.ProtectRtcp, buffer, length, Interop.Libsrtp.MaxRtcpTrailerLength, out protectedLength);

    /// <summary><c>srtp_unprotect_rtcp</c> in place: <paramref name="plainLength"/> is the compound packet's new end.</summary>
    public LibsrtpStatus UnprotectRtcp(Span<byte> buffer, int length, out int plainLength) =>
        Call(Operation.UnprotectRtcp, buffer, length, 0, out plainLength);

    public void Dispose() => _handle.Dispose();

    private LibsrtpStatus Call(Operation operation, Span<byte> buffer, int length, int room, out int newLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((long)length + room > buffer.Length)
        {
            throw new ArgumentException($"the buffer needs {room} bytes of room past the packet for libsrtp.", nameof(buffer));
        }

        bool added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            nint session = _handle.DangerousGetHandle();
            int inOut = length;
            LibsrtpStatus status;
            fixed (byte* packet = buffer)
            {
                status = operation switch
                {
                    Operation.Protect => Interop.Libsrtp.Protect(session, packet, &inOut),
                    Operation.Unprotect => Interop.Libsrtp.Unprotect(session, packet, &inOut),
                    Operation.ProtectRtcp => Interop.Libsrtp.ProtectRtcp(session, packet, &inOut),
                    _ => Interop.Libsrtp.UnprotectRtcp(session, packet, &inOut),
                };
            }

            newLength = status == LibsrtpStatus.Ok ? inOut : 0;
            return status;
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private enum Operation
    {
        Protect,
        Unprotect,
        ProtectRtcp,
        UnprotectRtcp,
    }
}
