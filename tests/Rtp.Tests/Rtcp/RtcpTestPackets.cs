using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>Valid RTCP packets built with the builders, for round trips and the property test.</summary>
internal static class RtcpTestPackets
{
    public static readonly ReportBlock[] Blocks =
    [
        new(0xBC5E9A40, 12, 300, 0x000146E1, 273, 0x09F36432, 150137),
        new(0x01020304, 255, -5, 0xFFFFFFFF, 0, 0, 0),
    ];

    public static byte[] SenderReport() =>
        Build((Span<byte> d, out int n) => Gateway.Rtp.Rtcp.SenderReport.TryWrite(d, 0x902F9E2E, 0xE2B3A1F0_80000000, 96000, 1234, 567890, Blocks, out n));

    public static byte[] ReceiverReport() =>
        Build((Span<byte> d, out int n) => Gateway.Rtp.Rtcp.ReceiverReport.TryWrite(d, 0x902F9E2E, Blocks, out n));

    public static byte[] Sdes()
    {
        byte[] buffer = new byte[200];
        var writer = new SourceDescriptionWriter(buffer);
        Check(writer.TryAddChunk(0x11111111));
        Check(writer.TryAddItem(SdesItemType.CanonicalName, "alice@host"u8));
        Check(writer.TryAddItem(SdesItemType.Tool, "gateway"u8));
        Check(writer.TryAddChunk(0x22222222));
        Check(writer.TryAddItem(SdesItemType.CanonicalName, "bob"u8));
        Check(writer.TryFinish(out int length));
        return buffer.AsSpan(0, length).ToArray();
    }

    public static byte[] Bye() =>
        Build((Span<byte> d, out int n) => Goodbye.TryWrite(d, [0x11111111, 0x22222222], "left the meeting"u8, out n));

    public static byte[] App() =>
        Build((Span<byte> d, out int n) => ApplicationDefined.TryWrite(d, 3, 0x4BAAE1AB, "NAME"u8, "ABCDEFGH"u8, out n));

    public static byte[] Nack() =>
        Build((Span<byte> d, out int n) => GenericNack.TryWrite(d, 1, 2, [new NackItem(100, 0b1000_0000_0000_0101), new NackItem(65530, 0)], out n));

    public static byte[] Pli() =>
        Build((Span<byte> d, out int n) => PictureLossIndication.TryWrite(d, 1, 0xC0FFEE, out n));

    public static byte[] Fir() =>
        Build((Span<byte> d, out int n) => FullIntraRequest.TryWrite(d, 1, [new FirEntry(0xC0FFEE, 7), new FirEntry(0xBEEF, 255)], out n));

    public static byte[] Remb() =>
        Build((Span<byte> d, out int n) => ReceiverEstimatedMaxBitrate.TryWrite(d, 1, 2_500_000, [0xC0FFEE, 0xBEEF], out n));

    public static byte[] Twcc()
    {
        TransportPacketStatus[] statuses = new TransportPacketStatus[40];
        for (int i = 0; i < statuses.Length; i++)
        {
            ushort sequence = (ushort)(65520 + i);
            statuses[i] = i % 9 == 4 ? TransportPacketStatus.Lost(sequence) : new TransportPacketStatus(sequence, true, i == 20 ? -40 : i * 3);
        }

        return Build((Span<byte> d, out int n) => TransportFeedback.TryWrite(d, 1, 2, -5, 9, statuses, out n));
    }

    /// <summary>A compound packet as a receiver sends it: RR, SDES, NACK, TWCC, PLI, REMB.</summary>
    public static byte[] Compound() => [.. ReceiverReport(), .. Sdes(), .. Nack(), .. Twcc(), .. Pli(), .. Remb()];

    /// <summary>Every single packet above and the captures.</summary>
    public static byte[][] All() =>
    [
        SenderReport(), ReceiverReport(), Sdes(), Bye(), App(), Nack(), Pli(), Fir(), Remb(), Twcc(), Compound(),
        RtcpCaptures.ReceiverReportSdesByePli(), RtcpCaptures.ChromeRemb(), RtcpCaptures.ChromeTwccOnePacket(),
        RtcpCaptures.ChromeTwccRunOfSeven(), RtcpCaptures.ChromeTwccMixed(),
    ];

    public delegate bool Writer(Span<byte> destination, out int bytesWritten);

    public static byte[] Build(Writer write)
    {
        byte[] buffer = new byte[1500];
        Check(write(buffer, out int length));
        return buffer.AsSpan(0, length).ToArray();
    }

    private static void Check(bool written)
    {
        if (!written)
        {
            throw new InvalidOperationException("test packet did not fit");
        }
    }
}
