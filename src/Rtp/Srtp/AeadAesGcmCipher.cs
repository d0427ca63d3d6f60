using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Gateway.Crypto.Native;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 7714): AES-GCM with a 16-byte tag, the RTP header (or the
/// first 8 bytes of RTCP and the index word) as associated data.
/// </summary>
/// <remarks>
/// <para>The 12-byte IVs (§8.1, §9.1), each XORed with the 12-byte session salt:</para>
/// <code>
///  byte     0  1  2  3  4  5  6  7  8  9 10 11
///  SRTP   [00 00][   SSRC    ][    ROC    ][ SEQ ]     = 00 00 || SSRC || 48-bit index
///  SRTCP  [00 00][   SSRC    ][00 00][0| SRTCP index]  = 00 00 || SSRC || 00 00 || 31-bit index
/// </code>
/// <para>
/// Both are "00 00 || SSRC || a 48-bit number", so one routine builds them: an 8-byte and a 4-byte
/// big-endian store (docs/crypto.md: byte stores before the native call's vector load of the nonce cost
/// small packets about half their speed).
/// </para>
/// <para>Packets (§8.2, §9.2, §9.3):</para>
/// <code>
///  SRTP:           | RTP header (AAD) | payload (encrypted) | tag 16 |
///  SRTCP, E=1:     | first 8 bytes | rest (encrypted) | tag 16 |1| index |   AAD = first 8 || E+index
///  SRTCP, E=0:     | RTCP packet (all AAD)             | tag 16 |0| index |   AAD = packet || E+index
/// </code>
/// </remarks>
internal sealed class AeadAesGcmCipher : SrtpCipher
{
    private const int TagLength = AesContext.TagSize;

    private readonly AesContext _rtpKey;
    private readonly AesContext _rtcpKey;
    private readonly ulong _rtpSaltHigh;
    private readonly uint _rtpSaltLow;
    private readonly ulong _rtcpSaltHigh;
    private readonly uint _rtcpSaltLow;

    public AeadAesGcmCipher(SrtpSessionKeys keys, bool encryptRtp, AesImplementation implementation)
    {
        EncryptRtp = encryptRtp;
        _rtpSaltHigh = BinaryPrimitives.ReadUInt64BigEndian(keys.RtpSalt);
        _rtpSaltLow = BinaryPrimitives.ReadUInt32BigEndian(keys.RtpSalt[8..]);
        _rtcpSaltHigh = BinaryPrimitives.ReadUInt64BigEndian(keys.RtcpSalt);
        _rtcpSaltLow = BinaryPrimitives.ReadUInt32BigEndian(keys.RtcpSalt[8..]);
        _rtpKey = AesContext.Create(keys.RtpKey, implementation);
        _rtcpKey = AesContext.Create(keys.RtcpKey, implementation);
    }

    public override int RtpTagLength => TagLength;

    public override int RtcpTagLength => TagLength;

    public override AesImplementation Implementation => _rtpKey.Implementation;

    /// <summary>False: SRTP payloads are authenticated only, the whole packet is AAD.</summary>
    public bool EncryptRtp { get; }

    /// <summary>The SRTP session key's context (for <see cref="SrtpBatch"/>).</summary>
    public AesContext RtpKey => _rtpKey;

    /// <summary>The SRTP salt as the two words <see cref="RtpNonce"/> takes (for a sender that builds its IVs itself).</summary>
    public (ulong High, uint Low) RtpSalt => (_rtpSaltHigh, _rtpSaltLow);

    /// <summary>Writes the SRTP IV of §8.1 into <paramref name="nonce"/>[..12].</summary>
    public void WriteRtpNonce(Span<byte> nonce, uint ssrc, ulong index) => WriteNonce(nonce, _rtpSaltHigh, _rtpSaltLow, ssrc, index);

    // The RTP paths run per packet (per subscriber, on a relay): they check the bounds here once and call the
    // pointer overloads of AesContext (see there why not the span ones).
    public override unsafe void ProtectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int end = CheckRtp(packet.Length, headerLength);
        RtpNonce nonce = new(_rtpSaltHigh, _rtpSaltLow, ssrc, index);
        fixed (byte* p = &MemoryMarshal.GetReference(packet))
        {
            if (EncryptRtp)
            {
                _rtpKey.SealGcm((byte*)&nonce, p, headerLength, p + headerLength, p + headerLength, end - headerLength, p + end);
            }
            else
            {
                _rtpKey.SealGcm((byte*)&nonce, p, end, p, p, 0, p + end);
            }
        }
    }

    public override unsafe void ProtectRtp(Span<byte> packet, int headerLength, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, uint ssrc, ulong index)
    {
        if (!EncryptRtp)
        {
            base.ProtectRtp(packet, headerLength, header, payload, ssrc, index);
            return;
        }

        if (!header.IsEmpty && header.Length != headerLength)
        {
            throw new ArgumentException("The header must be as long as the packet's.", nameof(header));
        }

        int end = CheckRtp(packet.Length, headerLength);
        if (end - headerLength != payload.Length)
        {
            throw new ArgumentException("The payload must fill the packet between its header and its tag.", nameof(payload));
        }

        if (payload.Overlaps(packet))
        {
            throw new ArgumentException("The payload must not overlap the packet it is encrypted into.", nameof(payload));
        }

        RtpNonce nonce = new(_rtpSaltHigh, _rtpSaltLow, ssrc, index);
        fixed (byte* p = &MemoryMarshal.GetReference(packet))
        fixed (byte* h = &MemoryMarshal.GetReference(header))
        fixed (byte* source = &MemoryMarshal.GetReference(payload))
        {
            _rtpKey.SealGcm((byte*)&nonce, header.IsEmpty ? p : h, headerLength, source, p + headerLength, payload.Length, p + end);
        }
    }

    public override unsafe bool UnprotectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int end = CheckRtp(packet.Length, headerLength);
        RtpNonce nonce = new(_rtpSaltHigh, _rtpSaltLow, ssrc, index);
        fixed (byte* p = &MemoryMarshal.GetReference(packet))
        {
            return EncryptRtp
                ? _rtpKey.TryOpenGcm((byte*)&nonce, p, headerLength, p + headerLength, p + headerLength, end - headerLength, p + end)
                : _rtpKey.TryOpenGcm((byte*)&nonce, p, end, p, p, 0, p + end);
        }
    }

    /// <summary>
    /// The 12-byte RTP IV as one local (an 8- and a 4-byte big-endian store; no stackalloc in the per-packet methods,
    /// whose frames then stay small).
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    internal readonly struct RtpNonce
    {
        private readonly ulong _high;
        private readonly uint _low;

        public RtpNonce(ulong saltHigh, uint saltLow, uint ssrc, ulong index)
        {
            ulong high = saltHigh ^ (((ulong)ssrc << 16) | (index >> 32));
            uint low = saltLow ^ (uint)index;
            _high = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(high) : high;
            _low = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(low) : low;
        }
    }

    /// <summary>Where the tag starts in an RTP packet of <paramref name="length"/> bytes with a header of <paramref name="headerLength"/>.</summary>
    private static int CheckRtp(int length, int headerLength)
    {
        int end = length - TagLength;
        if ((uint)headerLength > (uint)end)
        {
            throw new ArgumentOutOfRangeException(nameof(headerLength), headerLength, "The header and the tag must fit the packet.");
        }

        return end;
    }

    public override int RtcpIndexOffset(int length) => length - SrtpSession.RtcpIndexLength;

    public override void ProtectRtcp(Span<byte> packet, int rtcpLength, uint ssrc, uint index, bool encrypt)
    {
        Span<byte> nonce = stackalloc byte[AesContext.NonceSize];
        WriteNonce(nonce, _rtcpSaltHigh, _rtcpSaltLow, ssrc, index);
        uint word = (encrypt ? 0x8000_0000u : 0) | index;
        Span<byte> tag = packet.Slice(rtcpLength, TagLength);
        if (encrypt)
        {
            Span<byte> aad = stackalloc byte[SrtpSession.RtcpHeaderLength + SrtpSession.RtcpIndexLength];
            packet[..SrtpSession.RtcpHeaderLength].CopyTo(aad);
            BinaryPrimitives.WriteUInt32BigEndian(aad[SrtpSession.RtcpHeaderLength..], word);
            Span<byte> body = packet[SrtpSession.RtcpHeaderLength..rtcpLength];
            _rtcpKey.SealGcm(nonce, body, body, tag, aad);
        }
        else
        {
            // AAD = packet || word: put the word where the tag goes for the moment, so the AAD is one span.
            Span<byte> tagScratch = stackalloc byte[TagLength];
            BinaryPrimitives.WriteUInt32BigEndian(packet[rtcpLength..], word);
            _rtcpKey.SealGcm(nonce, default, default, tagScratch, packet[..(rtcpLength + SrtpSession.RtcpIndexLength)]);
            tagScratch.CopyTo(tag);
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[(rtcpLength + TagLength)..], word);
    }

    public override bool UnprotectRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        Span<byte> nonce = stackalloc byte[AesContext.NonceSize];
        WriteNonce(nonce, _rtcpSaltHigh, _rtcpSaltLow, ssrc, index);
        int tagStart = packet.Length - SrtpSession.RtcpIndexLength - TagLength;
        ReadOnlySpan<byte> word = packet[^SrtpSession.RtcpIndexLength..];
        if (encrypted)
        {
            Span<byte> aad = stackalloc byte[SrtpSession.RtcpHeaderLength + SrtpSession.RtcpIndexLength];
            packet[..SrtpSession.RtcpHeaderLength].CopyTo(aad);
            word.CopyTo(aad[SrtpSession.RtcpHeaderLength..]);
            Span<byte> body = packet[SrtpSession.RtcpHeaderLength..tagStart];
            return _rtcpKey.TryOpenGcm(nonce, body, packet.Slice(tagStart, TagLength), body, aad);
        }

        // AAD = packet || word with the tag between them: save the tag, move the word up against the
        // packet for the call, then put the tag back.
        Span<byte> tag = stackalloc byte[TagLength];
        Span<byte> tagInPacket = packet.Slice(tagStart, TagLength);
        tagInPacket.CopyTo(tag);
        word.CopyTo(tagInPacket);
        bool ok = _rtcpKey.TryOpenGcm(nonce, default, tag, default, packet[..(tagStart + SrtpSession.RtcpIndexLength)]);
        tag.CopyTo(tagInPacket);
        return ok;
    }

    public override void Dispose()
    {
        _rtpKey.Dispose();
        _rtcpKey.Dispose();
    }

    private static void WriteNonce(Span<byte> nonce, ulong saltHigh, uint saltLow, uint ssrc, ulong index)
    {
        BinaryPrimitives.WriteUInt64BigEndian(nonce, saltHigh ^ (((ulong)ssrc << 16) | (index >> 32)));
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], saltLow ^ (uint)index);
    }
}
