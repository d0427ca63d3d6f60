using System.Buffers.Binary;
using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// One SSRC of an outbound <see cref="SrtpSession"/>, found once (<see cref="SrtpSession.OpenSender"/>) for a
/// sender that protects many packets of it: a relay re-protecting one publisher's stream for a subscriber.
/// <see cref="Protect"/> makes exactly what <see cref="SrtpSession.ProtectRtp(Span{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, out int)"/>
/// makes of the same packet and shares the stream's state (ROC, the indices sent) with the session, so the two may
/// be mixed; it skips what the session does per call to find the stream (a search of its SSRCs, a second parse of
/// the header), which at one call per subscriber per packet is most of the session's own cost beside the cipher.
/// </summary>
/// <remarks>
/// A packet whose header carries another SSRC, and any call after the session's streams were removed
/// (<see cref="SrtpSession.RemoveStream"/>), goes through the session's own path: the result is the same, only slower.
/// Not thread-safe, like its session.
/// </remarks>
public sealed class SrtpSender
{
    private readonly SrtpSession _session;
    private readonly SrtpCipher _cipher;
    private readonly AeadAesGcmCipher? _aead;
    private readonly SrtpStream _stream;
    private readonly int _generation;

    internal SrtpSender(SrtpSession session, SrtpCipher cipher, SrtpStream stream, int generation)
    {
        _session = session;
        _cipher = cipher;
        // The AEAD cipher is sealed: a typed reference lets the call be direct (and inlined) rather than virtual.
        _aead = cipher as AeadAesGcmCipher is { EncryptRtp: true } aead ? aead : null;
        _stream = stream;
        _generation = generation;
        TagLength = cipher.RtpTagLength;
    }

    /// <summary>The SSRC this stream protects.</summary>
    public uint Ssrc => _stream.Ssrc;

    /// <summary>Bytes protecting adds to a packet: the tag.</summary>
    public int TagLength { get; }

    /// <summary>
    /// Protects an RTP packet of this SSRC assembled out of place, as the session's
    /// <see cref="SrtpSession.ProtectRtp(Span{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, out int)"/>: <paramref name="header"/>
    /// (a whole RTP header) is copied to the start of <paramref name="buffer"/>, or, when empty, the header is already
    /// there; <paramref name="payload"/> is encrypted after it and the tag appended. Neither may overlap the buffer.
    /// </summary>
    /// <returns>
    /// Ok with <paramref name="protectedLength"/>; else TooShort, Malformed, BufferTooSmall, Replayed (this index was
    /// protected already), TooOld or KeyLimitReached, with nothing changed.
    /// </returns>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    /// <exception cref="InvalidOperationException">The session unprotects (it is inbound).</exception>
    public SrtpResult Protect(Span<byte> buffer, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, out int protectedLength)
    {
        protectedLength = 0;
        ReadOnlySpan<byte> headerBytes = header.IsEmpty ? buffer : header;
        if (headerBytes.Length < RtpHeader.FixedLength || BinaryPrimitives.ReadUInt32BigEndian(headerBytes[8..]) != _stream.Ssrc ||
            _session.StreamGeneration != _generation)
        {
            // Another SSRC, too short to say, or a table that changed: the session's path decides (and finds the stream).
            return _session.ProtectRtp(buffer, header, payload, out protectedLength);
        }

        _session.UseForProtect();
        if ((headerBytes[0] >> 6) != RtpHeader.Version)
        {
            return SrtpResult.Malformed;
        }

        if (!RtpHeader.TryGetLength(headerBytes, out int headerLength))
        {
            return SrtpResult.TooShort;
        }

        if (!header.IsEmpty)
        {
            if (headerLength != header.Length)
            {
                return SrtpResult.Malformed;
            }

            if (header.Length > buffer.Length)
            {
                return SrtpResult.BufferTooSmall;
            }

            if (header.Overlaps(buffer))
            {
                throw new ArgumentException("The header must not overlap the buffer it is copied into.", nameof(header));
            }
        }

        int end = headerLength + payload.Length;
        if (buffer.Length - TagLength < end)
        {
            return SrtpResult.BufferTooSmall;
        }

        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(headerBytes[2..]);
        SrtpResult result = SrtpSession.IndexOf(_stream, sequence, out ulong index);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        // Recorded before sealing, as the session does: sealing cannot fail, and the index is never used twice.
        _stream.Window.Accept(index);
        header.CopyTo(buffer);
        protectedLength = end + TagLength;
        Span<byte> packet = buffer[..protectedLength];
        if (_aead is not null)
        {
            _aead.ProtectRtp(packet, headerLength, header, payload, _stream.Ssrc, index);
        }
        else
        {
            _cipher.ProtectRtp(packet, headerLength, header, payload, _stream.Ssrc, index);
        }

        return SrtpResult.Ok;
    }
}
