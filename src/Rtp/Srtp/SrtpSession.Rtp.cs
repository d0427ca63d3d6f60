using System.Buffers.Binary;
using Gateway.Crypto.Native.Replay;
using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Srtp;

/// <summary>SRTP: RTP packets (RFC 3711 §3.3, RFC 7714 §8).</summary>
public sealed partial class SrtpSession
{
    /// <summary>
    /// Protects the RTP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place: encrypts the
    /// payload and appends the tag, so <paramref name="buffer"/> needs <see cref="RtpTagLength"/> bytes of room
    /// after the packet. The packet's own sequence number gives its index; the ROC of its SSRC is counted here
    /// (it goes up when the sequence wraps, RFC 3711 §3.3.1).
    /// </summary>
    /// <returns>
    /// Ok with <paramref name="protectedLength"/> = length + tag; else TooShort, Malformed, BufferTooSmall,
    /// UnknownSsrc, Replayed (this index was protected already: GCM must never reuse a nonce, and libsrtp refuses
    /// it too), TooOld or KeyLimitReached, with nothing changed.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or beyond the buffer.</exception>
    /// <exception cref="InvalidOperationException">The session unprotects (it is inbound).</exception>
    public SrtpResult ProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        SrtpResult result = PlanProtectRtp(buffer, length, out SrtpRtpPlan plan);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        protectedLength = length + RtpTagLength;
        _cipher.ProtectRtp(buffer[..protectedLength], plan.HeaderLength, plan.Ssrc, plan.Index);
        return SrtpResult.Ok;
    }

    /// <summary>
    /// Protects an RTP packet assembled out of place: its header (with any CSRCs and extension) is already in
    /// <paramref name="buffer"/>, its payload is <paramref name="payload"/>, which must not overlap
    /// <paramref name="buffer"/>. The result is what <see cref="ProtectRtp(Span{byte}, int, out int)"/> makes of the
    /// same packet, but an AEAD profile encrypts the payload straight into the buffer: a relay forwarding one packet
    /// to many saves copying it for each.
    /// </summary>
    /// <returns>As <see cref="ProtectRtp(Span{byte}, int, out int)"/>; BufferTooSmall when header, payload and tag do not fit.</returns>
    /// <exception cref="InvalidOperationException">The session unprotects (it is inbound).</exception>
    public SrtpResult ProtectRtp(Span<byte> buffer, ReadOnlySpan<byte> payload, out int protectedLength) =>
        ProtectRtp(buffer, default, payload, out protectedLength);

    /// <summary>
    /// Protects an RTP packet assembled out of place from <paramref name="header"/> (a whole RTP header, with any CSRCs
    /// and extension), copied to the start of <paramref name="buffer"/>, and <paramref name="payload"/>; neither may
    /// overlap <paramref name="buffer"/>. The result is the same as copying the header in and calling
    /// <see cref="ProtectRtp(Span{byte}, ReadOnlySpan{byte}, out int)"/>, but an AEAD profile reads the associated data
    /// from <paramref name="header"/>: a relay forwarding a header unchanged passes the received one, which was
    /// written long ago, where reading the copy it has just written would wait on the store buffer (a masked
    /// vector load cannot take data from pending stores), measurably so at one call per subscriber per packet.
    /// </summary>
    /// <returns>As <see cref="ProtectRtp(Span{byte}, ReadOnlySpan{byte}, out int)"/>; Malformed when <paramref name="header"/> is not one whole RTP header.</returns>
    public SrtpResult ProtectRtp(Span<byte> buffer, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, out int protectedLength)
    {
        protectedLength = 0;
        if (!header.IsEmpty)
        {
            if (header.Length > buffer.Length)
            {
                return SrtpResult.BufferTooSmall;
            }

            if (header.Overlaps(buffer))
            {
                throw new ArgumentException("The header must not overlap the buffer it is copied into.", nameof(header));
            }

            header.CopyTo(buffer);
        }

        SrtpResult result = ParseRtp(buffer, out int headerLength);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        if (!header.IsEmpty && headerLength != header.Length)
        {
            return SrtpResult.Malformed;
        }

        int length = headerLength + payload.Length;
        if (length > buffer.Length)
        {
            return SrtpResult.BufferTooSmall;
        }

        result = PlanProtectRtp(buffer, length, out SrtpRtpPlan plan);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        protectedLength = length + RtpTagLength;
        _cipher.ProtectRtp(buffer[..protectedLength], plan.HeaderLength, header, payload, plan.Ssrc, plan.Index);
        return SrtpResult.Ok;
    }

    /// <summary>
    /// Unprotects the SRTP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place: verifies the
    /// tag, then decrypts the payload. The RTP packet is then <paramref name="buffer"/>[..<paramref name="payloadEnd"/>].
    /// </summary>
    /// <returns>
    /// Ok; or TooShort, Malformed, UnknownSsrc, Replayed, TooOld, KeyLimitReached or AuthenticationFailed, with
    /// no stream state changed (a stream for a new SSRC is made only once its packet authenticates). After
    /// AuthenticationFailed on an AEAD profile the payload bytes are zero.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or beyond the buffer.</exception>
    /// <exception cref="InvalidOperationException">The session protects (it is outbound).</exception>
    public SrtpResult UnprotectRtp(Span<byte> buffer, int length, out int payloadEnd)
    {
        payloadEnd = 0;
        SrtpResult result = PlanUnprotectRtp(buffer, length, out SrtpRtpPlan plan);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        if (!_cipher.UnprotectRtp(buffer[..length], plan.HeaderLength, plan.Ssrc, plan.Index))
        {
            return SrtpResult.AuthenticationFailed;
        }

        result = CommitUnprotectRtp(ref plan);
        if (result == SrtpResult.Ok)
        {
            payloadEnd = length - RtpTagLength;
        }

        return result;
    }

    /// <summary>
    /// Everything before the cipher for an outbound packet, including recording its index as sent (sealing
    /// cannot fail, and recording first keeps a batch that holds the same index twice from sealing both).
    /// </summary>
    internal SrtpResult PlanProtectRtp(Span<byte> buffer, int length, out SrtpRtpPlan plan)
    {
        CheckLength(buffer, length);
        Use(Outbound);
        plan = default;
        ReadOnlySpan<byte> packet = buffer[..length];
        SrtpResult result = ParseRtp(packet, out plan.HeaderLength);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        if (buffer.Length - length < RtpTagLength)
        {
            return SrtpResult.BufferTooSmall;
        }

        plan.Ssrc = ReadSsrc(packet, 8);
        SrtpStream? stream = _rtpStreams.Find(plan.Ssrc);
        if (stream is null)
        {
            if (!_allowUnknownSsrc || (stream = _rtpStreams.FindOrAdd(plan.Ssrc)) is null)
            {
                return SrtpResult.UnknownSsrc;
            }
        }

        result = IndexOf(stream, BinaryPrimitives.ReadUInt16BigEndian(packet[2..]), out plan.Index);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        stream.Window.Accept(plan.Index);
        plan.Stream = stream;
        return SrtpResult.Ok;
    }

    /// <summary>Everything before the cipher for an inbound packet; changes nothing.</summary>
    internal SrtpResult PlanUnprotectRtp(Span<byte> buffer, int length, out SrtpRtpPlan plan)
    {
        CheckLength(buffer, length);
        Use(Inbound);
        plan = default;
        if (length < RtpHeader.FixedLength + RtpTagLength)
        {
            return SrtpResult.TooShort;
        }

        ReadOnlySpan<byte> packet = buffer[..length];
        SrtpResult result = ParseRtp(packet[..(length - RtpTagLength)], out plan.HeaderLength);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        plan.Ssrc = ReadSsrc(packet, 8);
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        plan.Stream = _rtpStreams.Find(plan.Ssrc);
        if (plan.Stream is null && (!_allowUnknownSsrc || _rtpStreams.IsFull))
        {
            return SrtpResult.UnknownSsrc;
        }

        // A new stream (or one added without packets) starts at ROC 0 with s_l = SEQ (RFC 3711 §3.3.1).
        return IndexOf(plan.Stream, sequence, out plan.Index);
    }

    /// <summary>
    /// For a batch, where packets before this one may have made its stream or moved its window since it was
    /// planned: the replay check again, against the state as it is now. Changes nothing.
    /// </summary>
    internal SrtpResult RecheckUnprotectRtp(ref SrtpRtpPlan plan)
    {
        plan.Stream ??= _rtpStreams.Find(plan.Ssrc);
        if (plan.Stream is null)
        {
            return _rtpStreams.IsFull ? SrtpResult.UnknownSsrc : SrtpResult.Ok;
        }

        return plan.Stream.Window.HasIndex ? plan.Stream.CheckReplay(plan.Index) : SrtpResult.Ok;
    }

    /// <summary>
    /// After an inbound packet authenticated: makes its stream if new, then records its index (RFC 3711
    /// §3.3.1: ROC and s_l move only now).
    /// </summary>
    internal SrtpResult CommitUnprotectRtp(ref SrtpRtpPlan plan)
    {
        SrtpStream? stream = plan.Stream ?? _rtpStreams.FindOrAdd(plan.Ssrc);
        if (stream is null)
        {
            return SrtpResult.UnknownSsrc;
        }

        stream.Window.Accept(plan.Index);
        plan.Stream = stream;
        return SrtpResult.Ok;
    }

    /// <summary>The header length of an RTP packet, or TooShort / Malformed.</summary>
    private static SrtpResult ParseRtp(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < RtpHeader.FixedLength)
        {
            return SrtpResult.TooShort;
        }

        if (!IsVersion2(packet))
        {
            return SrtpResult.Malformed;
        }

        // Version 2 and 12 bytes present: only a CSRC list or extension longer than the packet is left to fail.
        return RtpHeader.TryGetLength(packet, out headerLength) ? SrtpResult.Ok : SrtpResult.TooShort;
    }

    /// <summary>The index of <paramref name="sequence"/> in <paramref name="stream"/> and whether the replay list allows it.</summary>
    private static SrtpResult IndexOf(SrtpStream? stream, ushort sequence, out ulong index) => IndexOf(stream?.Window, sequence, out index);

    /// <summary>The index of <paramref name="sequence"/> given a stream's window (null: a new stream) and whether the window allows it.</summary>
    internal static SrtpResult IndexOf(ReplayWindow? window, ushort sequence, out ulong index)
    {
        if (window is null || !window.HasIndex)
        {
            index = sequence;
            return SrtpResult.Ok;
        }

        long estimate = SrtpIndex.Estimate(window.Highest, sequence);
        index = (ulong)estimate;
        if (estimate < 0)
        {
            return SrtpResult.TooOld;
        }

        if (estimate > SrtpIndex.MaxRtpIndex)
        {
            return SrtpResult.KeyLimitReached;
        }

        return SrtpStream.CheckReplay(window, index);
    }
}
