using System.Buffers.Binary;
using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>Theory data, keys and hand-built packets for the SRTP tests.</summary>
internal static class SrtpTestData
{
    /// <summary>Room for the largest packet written here and any SRTP/SRTCP trailer.</summary>
    public const int BufferSize = 2048;

    public static TheoryData<SrtpProfile> Profiles => [.. SrtpProfiles.All.ToArray()];

    /// <summary>Every profile on every AES implementation this machine runs (native ones and Managed).</summary>
    public static TheoryData<SrtpProfile, AesImplementation> ProfilesTimesImplementations
    {
        get
        {
            var data = new TheoryData<SrtpProfile, AesImplementation>();
            foreach (SrtpProfile profile in SrtpProfiles.All)
            {
                foreach (AesImplementation implementation in CryptoBackend.SupportedImplementations)
                {
                    data.Add(profile, implementation);
                }
            }

            return data;
        }
    }

    public static (byte[] Key, byte[] Salt) Keys(SrtpProfile profile, Random random)
    {
        byte[] key = new byte[profile.MasterKeyLength()];
        byte[] salt = new byte[profile.MasterSaltLength()];
        random.NextBytes(key);
        random.NextBytes(salt);
        return (key, salt);
    }

    /// <summary>An outbound and an inbound session on the same random master key.</summary>
    public static (SrtpSession Sender, SrtpSession Receiver) Pair(SrtpProfile profile, Random random, SrtpOptions? options = null,
        AesImplementation implementation = AesImplementation.Auto)
    {
        (byte[] key, byte[] salt) = Keys(profile, random);
        return (SrtpSession.Create(profile, key, salt, options, implementation), SrtpSession.Create(profile, key, salt, options, implementation));
    }

    /// <summary>
    /// An RTP packet (RFC 3550 §5.1) into <paramref name="buffer"/>: the fixed header, <paramref name="csrcs"/>
    /// CSRCs, an RFC 8285 one-byte extension of <paramref name="extensionWords"/> words when not negative, then
    /// <paramref name="payloadLength"/> random bytes. Returns its length.
    /// </summary>
    public static int WriteRtp(Span<byte> buffer, Random random, ushort sequence, uint ssrc, int payloadLength, int csrcs = 0, int extensionWords = -1)
    {
        buffer[0] = (byte)(0x80 | (extensionWords >= 0 ? 0x10 : 0) | csrcs);
        buffer[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], (uint)sequence * 960);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], ssrc);
        int offset = 12;
        for (int i = 0; i < csrcs; i++, offset += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer[offset..], (uint)random.Next());
        }

        if (extensionWords >= 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer[offset..], 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(buffer[(offset + 2)..], (ushort)extensionWords);
            offset += 4;
            random.NextBytes(buffer.Slice(offset, extensionWords * 4));
            offset += extensionWords * 4;
        }

        random.NextBytes(buffer.Slice(offset, payloadLength));
        return offset + payloadLength;
    }

    /// <summary>An RTP packet with a random shape: 0..3 CSRCs, maybe an extension, 0..1200 payload bytes.</summary>
    public static int WriteRandomRtp(Span<byte> buffer, Random random, ushort sequence, uint ssrc) =>
        WriteRtp(buffer, random, sequence, ssrc, random.Next(0, 1201), random.Next(0, 4), random.Next(0, 2) == 0 ? -1 : random.Next(0, 4));

    /// <summary>An RTCP sender report (RFC 3550 §6.4.1) with <paramref name="reports"/> report blocks, as a compound's first packet.</summary>
    public static int WriteRtcp(Span<byte> buffer, Random random, uint ssrc, int reports = 1)
    {
        int words = 6 + (6 * reports);
        buffer[0] = (byte)(0x80 | reports);
        buffer[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)words);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], ssrc);
        random.NextBytes(buffer.Slice(8, words * 4 - 4));
        return (words + 1) * 4;
    }

    public static ushort Sequence(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
}
