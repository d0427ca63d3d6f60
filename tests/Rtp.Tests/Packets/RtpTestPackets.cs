using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>Valid RTP packets the tests share: hand-made from the RFC layouts and built with the writer.</summary>
internal static class RtpTestPackets
{
    /// <summary>Ids used for the named extensions in these packets (as a browser would negotiate them).</summary>
    public const int AudioLevelId = 1;
    public const int AbsSendTimeId = 3;
    public const int TransportSequenceId = 5;
    public const int MidId = 9;

    /// <summary>
    /// V=2 P=1 X=1 CC=2, M=1 PT=96, sequence 0xFFFF, timestamp 0x01020304, SSRC 0x11223344, CSRCs 0xAAAAAAAA and
    /// 0xBBBBBBBB, a one-byte extension with element 1 = [0xAB] and 2 bytes of padding, payload CA FE, 3 bytes
    /// of RTP padding.
    /// </summary>
    public static byte[] Everything() => Convert.FromHexString(
        "B2E0FFFF" + "01020304" + "11223344" + "AAAAAAAA" + "BBBBBBBB" + "BEDE0001" + "10AB0000" + "CAFE" + "000003");

    /// <summary>The smallest packet: the fixed header and a 3-byte payload.</summary>
    public static byte[] Minimal() => Convert.FromHexString("806F1234000003E8DEADBEEF010203");

    /// <summary>An Opus-like packet with audio level, abs-send-time, transport-wide sequence number and mid.</summary>
    public static byte[] Audio(ushort sequence = 100, int payloadLength = 60)
    {
        byte[] buffer = new byte[1500];
        var writer = new RtpPacketWriter(buffer);
        Check(writer.TryWriteHeader(111, false, sequence, 48_000, 0x5EED5EED));
        Check(writer.TryAddAudioLevel(AudioLevelId, new AudioLevel(true, 30)));
        Check(writer.TryAddAbsSendTime(AbsSendTimeId, 0x123456));
        Check(writer.TryAddTransportSequenceNumber(TransportSequenceId, (ushort)(sequence + 7)));
        Check(writer.TryAddExtension(MidId, "0"u8));
        Check(writer.TryWritePayload(Pattern(payloadLength)));
        Check(writer.TryFinish(0, out int length));
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>A video-like packet with a two-byte extension (an element with id 20) and RTP padding.</summary>
    public static byte[] TwoByteVideo()
    {
        byte[] buffer = new byte[1500];
        var writer = new RtpPacketWriter(buffer);
        Check(writer.TryWriteHeader(96, true, 4242, 90_000, 0xC0FFEE, [1u, 2u, 3u]));
        Check(writer.TryAddTransportSequenceNumber(TransportSequenceId, 9));
        Check(writer.TryAddExtension(20, [0x80 | 0x40 | 0x05, 0x12, 0x34, 0x99]));
        Check(writer.TryAddExtension(21, default));
        Check(writer.TryWritePayload(Pattern(200)));
        Check(writer.TryFinish(7, out int length));
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Every valid packet above.</summary>
    public static byte[][] All() => [Everything(), Minimal(), Audio(), TwoByteVideo(), Rfc8285OneByteExample(), Rfc8285TwoByteExample()];

    /// <summary>The RFC 8285 §4.2 figure: elements 1 = [AA], 2 = [BB BB], two padding bytes, 3 = [CC CC CC CC].</summary>
    public static byte[] Rfc8285OneByteExample() => Convert.FromHexString(
        "90600001" + "00000000" + "00000001" + "BEDE0003" + "10AA21BB" + "BB000033" + "CCCCCCCC" + "5050");

    /// <summary>The RFC 8285 §4.3 figure: elements 1 = [] (L=0), 2 = [DD], one padding byte, 3 = [EE EE EE EE].</summary>
    public static byte[] Rfc8285TwoByteExample() => Convert.FromHexString(
        "90600001" + "00000000" + "00000001" + "10000003" + "01000201" + "DD000304" + "EEEEEEEE" + "5050");

    public static byte[] Pattern(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 7) + 3);
        }

        return bytes;
    }

    private static void Check(bool written)
    {
        if (!written)
        {
            throw new InvalidOperationException("test packet did not fit");
        }
    }
}
