using System.Buffers.Binary;
using System.Security.Cryptography;
using Gateway.Crypto.Native;
using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// One direction of one SRTP master key (RFC 3711 §3.2): an outbound session protects RTP and RTCP, an
/// inbound one unprotects them, in place, with per-SSRC stream state (ROC, highest index, replay list).
/// </summary>
/// <remarks>
/// <para>
/// The session keys are derived once, in <see cref="Create"/> (RFC 3711 §4.3, key_derivation_rate 0), and
/// the derived bytes wiped once the AES (and HMAC) contexts hold them. No MKI. Every per-packet call
/// allocates nothing, throws nothing for any packet content, and reports failures as
/// <see cref="SrtpResult"/> values; on any failure no stream state changes.
/// </para>
/// <para>
/// A session is used by one direction: the first protect or unprotect call decides which, and a call of
/// the other kind afterwards is a programming error (<see cref="InvalidOperationException"/>). Not
/// thread-safe: a session belongs to the worker that owns its meeting. Dispose wipes the keys.
/// </para>
/// </remarks>
public sealed partial class SrtpSession : IDisposable
{
    /// <summary>Bytes of the SRTCP E flag and index word (RFC 3711 §3.4).</summary>
    public const int RtcpIndexLength = 4;

    /// <summary>The RTCP bytes SRTCP never encrypts: the first header and the sender SSRC (RFC 3711 §3.4).</summary>
    public const int RtcpHeaderLength = 8;

    private const int Unused = 0;
    private const int Outbound = 1;
    private const int Inbound = 2;

    private readonly SrtpCipher _cipher;
    private readonly SrtpStreamTable _rtpStreams;
    private readonly SrtpStreamTable _rtcpStreams;
    private readonly bool _allowUnknownSsrc;
    private readonly bool _encryptRtcp;
    private int _direction;
    private bool _disposed;

    private SrtpSession(SrtpProfile profile, SrtpCipher cipher, SrtpOptions options)
    {
        Profile = profile;
        _cipher = cipher;
        _rtpStreams = new SrtpStreamTable(options.MaxStreams, options.ReplayWindow);
        _rtcpStreams = new SrtpStreamTable(options.MaxStreams, options.ReplayWindow);
        _allowUnknownSsrc = options.AllowUnknownSsrc;
        _encryptRtcp = options.EncryptRtcp;
        RtpTagLength = cipher.RtpTagLength;
        RtcpOverhead = RtcpIndexLength + cipher.RtcpTagLength;
    }

    /// <summary>The profile of the key.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>The implementation the session's AES contexts run (never Auto).</summary>
    public AesImplementation Implementation => _cipher.Implementation;

    /// <summary>Bytes protecting adds to an RTP packet: the tag.</summary>
    public int RtpTagLength { get; }

    /// <summary>Bytes protecting adds to an RTCP packet: the index word and the tag.</summary>
    public int RtcpOverhead { get; }

    /// <summary>SSRCs with SRTP stream state.</summary>
    public int RtpStreamCount => _rtpStreams.Count;

    /// <summary>SSRCs with SRTCP stream state.</summary>
    public int RtcpStreamCount => _rtcpStreams.Count;

    internal SrtpCipher Cipher => _cipher;

    /// <summary>
    /// A session for <paramref name="profile"/> with the master key and salt a key exchange gave (SDES inline
    /// key, DTLS-SRTP exporter): derives the six session keys and expands them for <paramref name="implementation"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The key or salt length does not match the profile (see <see cref="SrtpProfiles"/>), or this machine cannot run <paramref name="implementation"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the profile is not defined.</exception>
    public static SrtpSession Create(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt,
        SrtpOptions? options = null, AesImplementation implementation = AesImplementation.Auto)
    {
        options ??= SrtpOptions.Default;
        options.Validate(nameof(options));
        if (masterKey.Length != profile.MasterKeyLength())
        {
            throw new ArgumentException($"{profile.SdesName()} takes a {profile.MasterKeyLength()}-byte master key, not {masterKey.Length} bytes.", nameof(masterKey));
        }

        if (masterSalt.Length != profile.MasterSaltLength())
        {
            throw new ArgumentException($"{profile.SdesName()} takes a {profile.MasterSaltLength()}-byte master salt, not {masterSalt.Length} bytes.", nameof(masterSalt));
        }

        Span<byte> storage = stackalloc byte[SrtpKeyDerivation.StorageLength(profile)];
        try
        {
            scoped SrtpSessionKeys keys;
            using (AesContext master = AesContext.Create(masterKey, implementation))
            {
                keys = SrtpKeyDerivation.Derive(profile, master, masterSalt, storage);
            }

            return CreateFromSessionKeys(profile, keys, options, implementation);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(storage);
        }
    }

    /// <summary>A session on session keys given directly, without derivation (the RFC 7714 §16/§17 vectors give those).</summary>
    internal static SrtpSession CreateFromSessionKeys(SrtpProfile profile, SrtpSessionKeys keys, SrtpOptions? options = null,
        AesImplementation implementation = AesImplementation.Auto)
    {
        options ??= SrtpOptions.Default;
        options.Validate(nameof(options));
        SrtpCipher cipher = profile.IsAead()
            ? new AeadAesGcmCipher(keys, options.EncryptRtp, implementation)
            : new AesCmHmacSha1Cipher(profile, keys, options.EncryptRtp, implementation);
        return new SrtpSession(profile, cipher, options);
    }

    /// <summary>
    /// Registers <paramref name="ssrc"/> for RTP and RTCP, so its packets are accepted when
    /// <see cref="SrtpOptions.AllowUnknownSsrc"/> is false. Its ROC starts at 0 and its index at its first packet.
    /// False when the SSRC is already known or the tables are full.
    /// </summary>
    public bool TryAddStream(uint ssrc)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rtpStreams.Find(ssrc) is not null || _rtcpStreams.Find(ssrc) is not null || _rtpStreams.IsFull || _rtcpStreams.IsFull)
        {
            return false;
        }

        _rtpStreams.FindOrAdd(ssrc);
        _rtcpStreams.FindOrAdd(ssrc);
        return true;
    }

    /// <summary>
    /// Forgets <paramref name="ssrc"/>'s state (after an RTCP BYE, RFC 3550 §6.6), freeing its place. A later
    /// packet with that SSRC starts a new stream at ROC 0, so old packets of it could be replayed: remove only
    /// SSRCs whose sender has gone. False when the SSRC was not known.
    /// </summary>
    public bool RemoveStream(uint ssrc)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        bool rtp = _rtpStreams.Remove(ssrc);
        if (rtp)
        {
            StreamGeneration++;
        }

        bool rtcp = _rtcpStreams.Remove(ssrc);
        return rtp || rtcp;
    }

    /// <summary>
    /// A handle on <paramref name="ssrc"/>'s RTP stream for protecting many packets of it (see <see cref="SrtpSender"/>);
    /// the stream is made if the session has none yet and allows it. Null when the SSRC is unknown to a session that
    /// does not take new ones, or its table is full. Marks the session outbound.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session unprotects (it is inbound).</exception>
    public SrtpSender? OpenSender(uint ssrc)
    {
        Use(Outbound);
        SrtpStream? stream = _allowUnknownSsrc ? _rtpStreams.FindOrAdd(ssrc) : _rtpStreams.Find(ssrc);
        return stream is null ? null : new SrtpSender(this, _cipher, stream, StreamGeneration);
    }

    /// <summary>
    /// Changes whenever an RTP stream is removed: a <see cref="SrtpSender"/> from before then is stale. Kept here, beside
    /// the fields every protect call reads, rather than read through the stream table on each call.
    /// </summary>
    internal int StreamGeneration { get; private set; }

    /// <summary>The checks every protect call makes first: not disposed, and outbound.</summary>
    internal void UseForProtect() => Use(Outbound);

    /// <summary>The ROC and highest sequence number of <paramref name="ssrc"/>'s SRTP stream; false when it has none yet.</summary>
    public bool TryGetRtpState(uint ssrc, out uint rolloverCounter, out ushort highestSequence)
    {
        SrtpStream? stream = _rtpStreams.Find(ssrc);
        bool known = stream is not null && stream.Window.HasIndex;
        rolloverCounter = known ? stream!.RolloverCounter : 0;
        highestSequence = known ? (ushort)stream!.Window.Highest : (ushort)0;
        return known;
    }

    /// <summary>The highest SRTCP index of <paramref name="ssrc"/> (received, or sent); false when it has none yet.</summary>
    public bool TryGetRtcpIndex(uint ssrc, out uint index)
    {
        SrtpStream? stream = _rtcpStreams.Find(ssrc);
        bool known = stream is not null && stream.Window.HasIndex;
        index = known ? (uint)stream!.Window.Highest : 0;
        return known;
    }

    /// <summary>Wipes and frees the session keys. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _cipher.Dispose();
        }
    }

    private static void CheckLength(Span<byte> buffer, int length)
    {
        if ((uint)length > (uint)buffer.Length)
        {
            ThrowLength(length, buffer.Length);
        }
    }

    private static void ThrowLength(int length, int bufferLength) =>
        throw new ArgumentOutOfRangeException(nameof(length), length, $"The packet length must be from 0 to the buffer's length, {bufferLength}.");

    private static bool IsVersion2(ReadOnlySpan<byte> packet) => (packet[0] >> 6) == RtpHeader.Version;

    private static uint ReadSsrc(ReadOnlySpan<byte> packet, int offset) => BinaryPrimitives.ReadUInt32BigEndian(packet[offset..]);

    private void Use(int direction)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_direction != direction)
        {
            if (_direction != Unused)
            {
                ThrowDirection(direction);
            }

            _direction = direction;
        }
    }

    private static void ThrowDirection(int direction) =>
        throw new InvalidOperationException(direction == Outbound
            ? "This SRTP session unprotects (inbound); protecting needs a session of its own (one per direction, RFC 3711 §3.2)."
            : "This SRTP session protects (outbound); unprotecting needs a session of its own (one per direction, RFC 3711 §3.2).");
}
