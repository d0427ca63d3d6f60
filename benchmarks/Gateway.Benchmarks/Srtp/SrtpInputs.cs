using System.Buffers.Binary;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// What every SRTP suite feeds both implementations: the same master key and salt per profile, the
/// same RTP packet (12-byte header, no CSRCs, no extension, then the payload), and buffers with room
/// for the largest trailer libsrtp may write, so ours and libsrtp get byte-for-byte the same work.
/// </summary>
internal static class SrtpInputs
{
    /// <summary>The RTP header of every packet: 12 bytes, nothing optional (RFC 3550 §5.1).</summary>
    public const int HeaderLength = 12;

    /// <summary>The SSRC of every packet.</summary>
    public const uint Ssrc = 0x1234_5678;

    /// <summary>libsrtp's trailer room (tag and MKI, srtp.h), which covers ours (a tag of at most 16 bytes).</summary>
    public const int Room = Interop.Libsrtp.MaxTrailerLength;

    /// <summary>The libsrtp profile that is the same protection as <paramref name="profile"/>.</summary>
    public static LibsrtpProfile ToLibsrtp(SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm => LibsrtpProfile.AesGcm128,
        SrtpProfile.AeadAes256Gcm => LibsrtpProfile.AesGcm256,
        SrtpProfile.AesCm128HmacSha1_80 => LibsrtpProfile.AesCm128HmacSha1_80,
        SrtpProfile.AesCm128HmacSha1_32 => LibsrtpProfile.AesCm128HmacSha1_32,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "no libsrtp counterpart"),
    };

    /// <summary>A fixed, non-trivial master key for <paramref name="profile"/>.</summary>
    public static byte[] MasterKey(SrtpProfile profile) => Pattern(profile.MasterKeyLength(), 0x11);

    /// <summary>A fixed, non-trivial master salt for <paramref name="profile"/>.</summary>
    public static byte[] MasterSalt(SrtpProfile profile) => Pattern(profile.MasterSaltLength(), 0xA5);

    /// <summary>
    /// Writes an RTP packet with <paramref name="payloadLength"/> bytes of payload into <paramref name="destination"/>:
    /// V=2, PT 111 (Opus-like), the sequence number given, a timestamp that follows it.
    /// </summary>
    public static int WritePacket(Span<byte> destination, ushort sequence, int payloadLength)
    {
        destination[0] = 0x80;
        destination[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], sequence * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        for (int i = 0; i < payloadLength; i++)
        {
            destination[HeaderLength + i] = (byte)((i * 31) + 7);
        }

        return HeaderLength + payloadLength;
    }

    /// <summary>Sets the sequence number of the packet in <paramref name="packet"/>.</summary>
    public static void SetSequence(Span<byte> packet, ushort sequence) => BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);

    private static byte[] Pattern(int length, byte start)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(start + (i * 13));
        }

        return bytes;
    }
}
