using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>SDES (RFC 3550 §6.5): chunks, items, the null terminator and 32-bit padding.</summary>
public sealed class SourceDescriptionTests
{
    [Fact]
    public void RealDump_HasTheFirefoxStyleCname()
    {
        RtcpCompoundEnumerator packets = new RtcpCompoundPacket(RtcpCaptures.ReceiverReportSdesByePli()).GetEnumerator();
        packets.MoveNext();
        packets.MoveNext();
        Assert.Equal(RtcpParseResult.Ok, SourceDescription.TryParse(packets.Current, out SourceDescription sdes));
        Assert.Equal(1, sdes.ChunkCount);
        Assert.True(sdes.TryGetFirstSsrc(out uint ssrc));
        Assert.Equal(0x902F9E2Eu, ssrc);
        foreach (SdesChunk chunk in sdes)
        {
            Assert.True(chunk.TryGetItem(SdesItemType.CanonicalName, out ReadOnlySpan<byte> cname));
            Assert.Equal("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}"u8.ToArray(), cname.ToArray());
            Assert.False(chunk.TryGetItem(SdesItemType.Name, out _));
        }
    }

    [Fact]
    public void Writer_TwoChunks_RoundTrip()
    {
        byte[] bytes = RtcpTestPackets.Sdes();
        Assert.Equal(0, bytes.Length % 4);
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, SourceDescription.TryParse(packet, out SourceDescription sdes));
        var seen = new List<string>();
        foreach (SdesChunk chunk in sdes)
        {
            foreach (SdesItem item in chunk.Items)
            {
                seen.Add($"{chunk.Ssrc:X8}/{item.Type}/{System.Text.Encoding.UTF8.GetString(item.Value)}");
            }
        }

        Assert.Equal(["11111111/CanonicalName/alice@host", "11111111/Tool/gateway", "22222222/CanonicalName/bob"], seen);
    }

    [Fact]
    public void TryWriteCanonicalName_MatchesTheHandMadeLayout()
    {
        byte[] buffer = new byte[64];
        Assert.True(SourceDescription.TryWriteCanonicalName(buffer, 0x11223344, "user@example.com"u8, out int length));

        // 4 header + 4 SSRC + 2 + 16 CNAME + 1 null + 1 pad = 28: length field 6.
        Assert.Equal("81CA0006" + "11223344" + "0110" + Convert.ToHexString("user@example.com"u8) + "0000", Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void Writer_ChunkEndingOnAWordBoundary_StillGetsANullWord()
    {
        // 2 + 2 bytes of item: the chunk's items end on a boundary, so the terminator takes a whole word.
        byte[] buffer = new byte[64];
        Assert.True(SourceDescription.TryWriteCanonicalName(buffer, 1, "ab"u8, out int length));
        Assert.Equal("81CA0003" + "00000001" + "01026162" + "00000000", Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void Writer_WithoutRoom_ReturnsFalse()
    {
        Assert.False(SourceDescription.TryWriteCanonicalName(new byte[15], 1, "ab"u8, out _));
        Assert.True(SourceDescription.TryWriteCanonicalName(new byte[16], 1, "ab"u8, out _));
        Assert.False(SourceDescription.TryWriteCanonicalName(new byte[7], 1, default, out _));
    }

    [Fact]
    public void Writer_Misuse_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new SourceDescriptionWriter(new byte[64]).TryAddItem(SdesItemType.Note, "x"u8));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new SourceDescriptionWriter(new byte[64]);
            writer.TryAddChunk(1);
            writer.TryAddItem(SdesItemType.End, "x"u8);
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new SourceDescriptionWriter(new byte[1000]);
            for (int i = 0; i < 32; i++)
            {
                writer.TryAddChunk((uint)i);
            }
        });
    }

    [Theory]
    [InlineData("81CA0001" + "00000001", RtcpParseResult.BadItem)] // no terminator
    [InlineData("81CA0002" + "00000001" + "01056162", RtcpParseResult.BadItem)] // item past the end
    [InlineData("81CA0002" + "00000001" + "01016107", RtcpParseResult.BadItem)] // second item's header cut
    [InlineData("82CA0002" + "00000001" + "00000000", RtcpParseResult.BadCount)] // SC=2, one chunk
    [InlineData("81CB0001" + "00000001", RtcpParseResult.WrongType)] // a BYE
    public void TryParse_Malformed_ReturnsTheDocumentedFailure(string hex, RtcpParseResult expected)
    {
        Assert.Equal(RtcpParseResult.Ok, RtcpPacket.TryParse(Convert.FromHexString(hex), out RtcpPacket packet));
        Assert.Equal(expected, SourceDescription.TryParse(packet, out _));
    }

    [Fact]
    public void TryParse_TerminatorOnTheLastByteOfTheWord_IsValid()
    {
        RtcpPacket.TryParse(Convert.FromHexString("81CA0002" + "00000001" + "01016100"), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, SourceDescription.TryParse(packet, out SourceDescription sdes));
        foreach (SdesChunk chunk in sdes)
        {
            Assert.True(chunk.TryGetItem(SdesItemType.CanonicalName, out ReadOnlySpan<byte> cname));
            Assert.Equal("a"u8.ToArray(), cname.ToArray());
        }
    }

    [Fact]
    public void TryParse_EmptySdes_HasNoChunks()
    {
        RtcpPacket.TryParse(Convert.FromHexString("80CA0000"), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, SourceDescription.TryParse(packet, out SourceDescription sdes));
        Assert.Equal(0, sdes.ChunkCount);
        Assert.False(sdes.TryGetFirstSsrc(out _));
    }
}
