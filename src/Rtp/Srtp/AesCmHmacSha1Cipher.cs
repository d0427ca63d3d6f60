using System.Buffers.Binary;
using System.Security.Cryptography;
using Gateway.Crypto.Native;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// AES_CM_128_HMAC_SHA1_80 and _32 (RFC 3711 §4.1.1, §4.2): AES-128 in counter mode over the payload, then
/// HMAC-SHA1 over the authenticated portion and (SRTP) the ROC, truncated to the tag length.
/// </summary>
/// <remarks>
/// <para>SRTP (§3.1) and SRTCP (§3.4) packets:</para>
/// <code>
///  SRTP:   | RTP header | payload (encrypted) | tag (10 or 4) |
///          |&lt;-------- authenticated ---------&gt;| (HMAC input: this || ROC, 4 bytes big-endian)
///  SRTCP:  | first 8 bytes | rest (encrypted if E) |E| SRTCP index (31) | tag (10) |
///          |&lt;-------------------- authenticated ------------------&gt;|
/// </code>
/// <para>
/// The counter block (§4.1.1) is IV = (k_s·2^16) XOR (SSRC·2^64) XOR (i·2^16), built as two 64-bit words
/// and stored with two 8-byte writes (docs/crypto.md: a byte-wise IV costs the following vector load a
/// stall).
/// </para>
/// <para>
/// No allocation per packet: the HMAC runs on an <see cref="IncrementalHash"/> per direction kept for the
/// session's life (one OpenSSL HMAC context whose keyed state is reused on every reset). To hash
/// "packet || ROC" in one update, the ROC is written for the moment into the first four bytes of the tag's
/// place (the tag is at least four bytes); on unprotect the received tag is saved and put back. Not
/// thread-safe: a session belongs to one worker.
/// </para>
/// </remarks>
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int HmacLength = 20;

    private readonly AesContext _rtpKey;
    private readonly AesContext _rtcpKey;
    private readonly IncrementalHash _rtpAuth;
    private readonly IncrementalHash _rtcpAuth;
    private readonly ulong _rtpSaltHigh;
    private readonly ulong _rtpSaltLow;
    private readonly ulong _rtcpSaltHigh;
    private readonly ulong _rtcpSaltLow;
    private readonly int _rtpTagLength;
    private readonly bool _encryptRtp;

    public AesCmHmacSha1Cipher(SrtpProfile profile, SrtpSessionKeys keys, bool encryptRtp, AesImplementation implementation)
    {
        _rtpTagLength = profile.RtpTagLength();
        _encryptRtp = encryptRtp;
        (_rtpSaltHigh, _rtpSaltLow) = SaltWords(keys.RtpSalt);
        (_rtcpSaltHigh, _rtcpSaltLow) = SaltWords(keys.RtcpSalt);
        _rtpKey = AesContext.Create(keys.RtpKey, implementation);
        _rtcpKey = AesContext.Create(keys.RtcpKey, implementation);
        _rtpAuth = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtpAuthKey);
        _rtcpAuth = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtcpAuthKey);
    }

    public override int RtpTagLength => _rtpTagLength;

    public override int RtcpTagLength => 10;

    public override AesImplementation Implementation => _rtpKey.Implementation;

    public override void ProtectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int authenticatedEnd = packet.Length - _rtpTagLength;
        if (_encryptRtp)
        {
            Transform(_rtpKey, _rtpSaltHigh, _rtpSaltLow, ssrc, index, packet[headerLength..authenticatedEnd]);
        }

        Span<byte> hmac = stackalloc byte[HmacLength];
        BinaryPrimitives.WriteUInt32BigEndian(packet[authenticatedEnd..], (uint)(index >> 16));
        Mac(_rtpAuth, packet[..(authenticatedEnd + 4)], hmac);
        hmac[.._rtpTagLength].CopyTo(packet[authenticatedEnd..]);
    }

    public override bool UnprotectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int authenticatedEnd = packet.Length - _rtpTagLength;
        Span<byte> received = stackalloc byte[16];
        Span<byte> hmac = stackalloc byte[HmacLength];
        Span<byte> tag = packet[authenticatedEnd..];
        tag.CopyTo(received);
        BinaryPrimitives.WriteUInt32BigEndian(tag, (uint)(index >> 16));
        Mac(_rtpAuth, packet[..(authenticatedEnd + 4)], hmac);
        received[.._rtpTagLength].CopyTo(tag);
        if (!CryptographicOperations.FixedTimeEquals(hmac[.._rtpTagLength], received[.._rtpTagLength]))
        {
            return false;
        }

        if (_encryptRtp)
        {
            Transform(_rtpKey, _rtpSaltHigh, _rtpSaltLow, ssrc, index, packet[headerLength..authenticatedEnd]);
        }

        return true;
    }

    public override int RtcpIndexOffset(int length) => length - RtcpTagLength - SrtpSession.RtcpIndexLength;

    public override void ProtectRtcp(Span<byte> packet, int rtcpLength, uint ssrc, uint index, bool encrypt)
    {
        if (encrypt)
        {
            Transform(_rtcpKey, _rtcpSaltHigh, _rtcpSaltLow, ssrc, index, packet[SrtpSession.RtcpHeaderLength..rtcpLength]);
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[rtcpLength..], (encrypt ? 0x8000_0000u : 0) | index);
        int authenticatedEnd = rtcpLength + SrtpSession.RtcpIndexLength;
        Span<byte> hmac = stackalloc byte[HmacLength];
        Mac(_rtcpAuth, packet[..authenticatedEnd], hmac);
        hmac[..RtcpTagLength].CopyTo(packet[authenticatedEnd..]);
    }

    public override bool UnprotectRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        int authenticatedEnd = packet.Length - RtcpTagLength;
        Span<byte> hmac = stackalloc byte[HmacLength];
        Mac(_rtcpAuth, packet[..authenticatedEnd], hmac);
        if (!CryptographicOperations.FixedTimeEquals(hmac[..RtcpTagLength], packet[authenticatedEnd..]))
        {
            return false;
        }

        if (encrypted)
        {
            Transform(_rtcpKey, _rtcpSaltHigh, _rtcpSaltLow, ssrc, index, packet[SrtpSession.RtcpHeaderLength..(authenticatedEnd - SrtpSession.RtcpIndexLength)]);
        }

        return true;
    }

    public override void Dispose()
    {
        _rtpKey.Dispose();
        _rtcpKey.Dispose();
        _rtpAuth.Dispose();
        _rtcpAuth.Dispose();
    }

    // The 14-byte session salt as the counter block's two big-endian words, salt·2^16 (§4.1.1).
    private static (ulong High, ulong Low) SaltWords(ReadOnlySpan<byte> salt)
    {
        Span<byte> block = stackalloc byte[16];
        block.Clear();
        salt.CopyTo(block);
        return (BinaryPrimitives.ReadUInt64BigEndian(block), BinaryPrimitives.ReadUInt64BigEndian(block[8..]));
    }

    private static void Transform(AesContext key, ulong saltHigh, ulong saltLow, uint ssrc, ulong index, Span<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        // SSRC·2^64 lands in bytes 4..7 (the low half of the high word), index·2^16 in bytes 8..13.
        Span<byte> counter = stackalloc byte[AesContext.BlockSize];
        BinaryPrimitives.WriteUInt64BigEndian(counter, saltHigh ^ ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(counter[8..], saltLow ^ (index << 16));
        key.TransformCtr(counter, data, data);
    }

    private static void Mac(IncrementalHash hmac, ReadOnlySpan<byte> data, Span<byte> output)
    {
        hmac.AppendData(data);
        hmac.TryGetHashAndReset(output, out _);
    }
}
