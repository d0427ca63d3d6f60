using System.Buffers.Binary;
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

    /// <summary>Writes the SRTP IV of §8.1 into <paramref name="nonce"/>[..12].</summary>
    public void WriteRtpNonce(Span<byte> nonce, uint ssrc, ulong index) => WriteNonce(nonce, _rtpSaltHigh, _rtpSaltLow, ssrc, index);

    public override void ProtectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[AesContext.NonceSize];
        WriteRtpNonce(nonce, ssrc, index);
        int end = packet.Length - TagLength;
        if (EncryptRtp)
        {
            Span<byte> payload = packet[headerLength..end];
            _rtpKey.SealGcm(nonce, payload, payload, packet[end..], packet[..headerLength]);
        }
        else
        {
            _rtpKey.SealGcm(nonce, default, default, packet[end..], packet[..end]);
        }
    }

    public override void ProtectRtp(Span<byte> packet, int headerLength, ReadOnlySpan<byte> payload, uint ssrc, ulong index)
    {
        if (!EncryptRtp)
        {
            base.ProtectRtp(packet, headerLength, payload, ssrc, index);
            return;
        }

        Span<byte> nonce = stackalloc byte[AesContext.NonceSize];
        WriteRtpNonce(nonce, ssrc, index);
        int end = packet.Length - TagLength;
        _rtpKey.SealGcm(nonce, payload, packet[headerLength..end], packet[end..], packet[..headerLength]);
    }

    public override bool UnprotectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[AesContext.NonceSize];
        WriteRtpNonce(nonce, ssrc, index);
        int end = packet.Length - TagLength;
        if (EncryptRtp)
        {
            Span<byte> payload = packet[headerLength..end];
            return _rtpKey.TryOpenGcm(nonce, payload, packet[end..], payload, packet[..headerLength]);
        }

        return _rtpKey.TryOpenGcm(nonce, default, packet[end..], default, packet[..end]);
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
