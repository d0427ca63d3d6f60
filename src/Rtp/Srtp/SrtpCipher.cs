using Gateway.Crypto.Native;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// The transform of one profile family over its session keys: what goes where in the packet, the IV, the
/// tag. <see cref="SrtpSession"/> does the rest (parsing, index, replay, stream state) the same for all.
/// Every span given here has been checked by the session: lengths fit, tags have room.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    /// <summary>The SRTP tag length.</summary>
    public abstract int RtpTagLength { get; }

    /// <summary>The SRTCP tag length.</summary>
    public abstract int RtcpTagLength { get; }

    /// <summary>The implementation the session's AES contexts run.</summary>
    public abstract AesImplementation Implementation { get; }

    /// <summary>
    /// Encrypts the payload (after <paramref name="headerLength"/>) in place and writes the tag after it:
    /// <paramref name="packet"/> is header, payload and <see cref="RtpTagLength"/> bytes of room.
    /// </summary>
    public abstract void ProtectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index);

    /// <summary>
    /// As <see cref="ProtectRtp(Span{byte}, int, uint, ulong)"/> with the payload taken from <paramref name="payload"/>
    /// (which must not overlap <paramref name="packet"/>): this copies it in, then encrypts in place; an AEAD cipher
    /// encrypts it straight into <paramref name="packet"/> in one pass.
    /// </summary>
    /// <param name="packet">Header (already in place), room for the payload and the tag.</param>
    /// <param name="headerLength">The header's length.</param>
    /// <param name="header">Empty, or the same bytes as the header in <paramref name="packet"/>, elsewhere: then an AEAD
    /// cipher reads its associated data from here (see <see cref="SrtpSession.ProtectRtp(Span{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, out int)"/>).</param>
    /// <param name="payload">The payload.</param>
    /// <param name="ssrc">The packet's SSRC.</param>
    /// <param name="index">Its SRTP index.</param>
    public virtual void ProtectRtp(Span<byte> packet, int headerLength, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, uint ssrc, ulong index)
    {
        payload.CopyTo(packet[headerLength..]);
        ProtectRtp(packet, headerLength, ssrc, index);
    }

    /// <summary>
    /// Verifies and decrypts <paramref name="packet"/> (header, payload, tag) in place. False when the tag
    /// does not verify; the header and tag are then as they were (an AEAD failure zeroes the payload).
    /// </summary>
    public abstract bool UnprotectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index);

    /// <summary>
    /// Where the E flag and SRTCP index word of a protected SRTCP packet of <paramref name="length"/> bytes
    /// starts: before the tag for AES-CM (RFC 3711 §3.4), after it for AEAD (RFC 7714 §9).
    /// </summary>
    public abstract int RtcpIndexOffset(int length);

    /// <summary>
    /// Protects the RTCP packet in <paramref name="packet"/>[..<paramref name="rtcpLength"/>] in place and
    /// appends the index word and tag; <paramref name="packet"/> ends where they end.
    /// </summary>
    public abstract void ProtectRtcp(Span<byte> packet, int rtcpLength, uint ssrc, uint index, bool encrypt);

    /// <summary>Verifies (and when <paramref name="encrypted"/>, decrypts) the whole SRTCP packet in <paramref name="packet"/>.</summary>
    public abstract bool UnprotectRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted);

    /// <summary>Frees the session contexts (the expanded keys are wiped by them).</summary>
    public abstract void Dispose();
}
