using System.Buffers.Binary;

namespace Gateway.Rtp.Srtp;

/// <summary>SRTCP: RTCP packets (RFC 3711 §3.4, RFC 7714 §9).</summary>
public sealed partial class SrtpSession
{
    /// <summary>
    /// Protects the RTCP (compound) packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place:
    /// encrypts all but its first 8 bytes (unless <see cref="SrtpOptions.EncryptRtcp"/> is false), appends the E
    /// flag and SRTCP index word and the tag; <paramref name="buffer"/> needs <see cref="RtcpOverhead"/> bytes of
    /// room after the packet. The SRTCP index counts from 0 per sender SSRC (the SSRC in bytes 4..7).
    /// </summary>
    /// <returns>Ok with <paramref name="protectedLength"/> = length + overhead; else TooShort, Malformed, BufferTooSmall, UnknownSsrc or KeyLimitReached.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or beyond the buffer.</exception>
    /// <exception cref="InvalidOperationException">The session unprotects (it is inbound).</exception>
    public SrtpResult ProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        CheckLength(buffer, length);
        Use(Outbound);
        protectedLength = 0;
        SrtpResult result = ParseRtcp(buffer[..length], RtcpHeaderLength);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        if (buffer.Length - length < RtcpOverhead)
        {
            return SrtpResult.BufferTooSmall;
        }

        uint ssrc = ReadSsrc(buffer, 4);
        SrtpStream? stream = _rtcpStreams.Find(ssrc);
        if (stream is null && (!_allowUnknownSsrc || (stream = _rtcpStreams.FindOrAdd(ssrc)) is null))
        {
            return SrtpResult.UnknownSsrc;
        }

        ulong index = stream.Window.HasIndex ? stream.Window.Highest + 1 : 0;
        if (index > SrtpIndex.MaxRtcpIndex)
        {
            return SrtpResult.KeyLimitReached;
        }

        stream.Window.Accept(index);
        protectedLength = length + RtcpOverhead;
        _cipher.ProtectRtcp(buffer[..protectedLength], length, ssrc, (uint)index, _encryptRtcp);
        return SrtpResult.Ok;
    }

    /// <summary>
    /// Unprotects the SRTCP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place: reads the
    /// E flag and index, checks the replay list, verifies the tag, decrypts when E is set. The RTCP packet is
    /// then <paramref name="buffer"/>[..<paramref name="payloadEnd"/>].
    /// </summary>
    /// <returns>Ok; or TooShort, Malformed, UnknownSsrc, Replayed, TooOld or AuthenticationFailed, with no stream state changed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or beyond the buffer.</exception>
    /// <exception cref="InvalidOperationException">The session protects (it is outbound).</exception>
    public SrtpResult UnprotectRtcp(Span<byte> buffer, int length, out int payloadEnd)
    {
        CheckLength(buffer, length);
        Use(Inbound);
        payloadEnd = 0;
        Span<byte> packet = buffer[..length];
        SrtpResult result = ParseRtcp(packet, RtcpHeaderLength + RtcpOverhead);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        uint word = BinaryPrimitives.ReadUInt32BigEndian(packet[_cipher.RtcpIndexOffset(length)..]);
        bool encrypted = (word & 0x8000_0000u) != 0;
        uint index = word & SrtpIndex.MaxRtcpIndex;
        uint ssrc = ReadSsrc(packet, 4);
        SrtpStream? stream = _rtcpStreams.Find(ssrc);
        if (stream is null)
        {
            if (!_allowUnknownSsrc || _rtcpStreams.IsFull)
            {
                return SrtpResult.UnknownSsrc;
            }
        }
        else if ((result = stream.CheckReplay(index)) != SrtpResult.Ok)
        {
            return result;
        }

        if (!_cipher.UnprotectRtcp(packet, ssrc, index, encrypted))
        {
            return SrtpResult.AuthenticationFailed;
        }

        stream ??= _rtcpStreams.FindOrAdd(ssrc)!;
        stream.Window.Accept(index);
        payloadEnd = length - RtcpOverhead;
        return SrtpResult.Ok;
    }

    /// <summary>TooShort below <paramref name="minimum"/> bytes, Malformed unless RTP/RTCP version 2.</summary>
    private static SrtpResult ParseRtcp(ReadOnlySpan<byte> packet, int minimum)
    {
        if (packet.Length < minimum)
        {
            return SrtpResult.TooShort;
        }

        return IsVersion2(packet) ? SrtpResult.Ok : SrtpResult.Malformed;
    }
}
