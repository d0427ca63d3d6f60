using Gateway.Codecs.H264;

namespace Gateway.Codecs.Tests.H264;

/// <summary>
/// Key frame detection on hand-built RFC 6184 payloads. NAL headers are |F|NRI|Type|: 0x65 is NRI 3
/// type 5 (IDR), 0x67 SPS, 0x68 PPS, 0x41 NRI 2 type 1 (non-IDR slice), 0x06 SEI.
/// </summary>
public sealed class H264PacketInfoTests
{
    [Theory]
    [InlineData(0x65, true, 5)]
    [InlineData(0x67, true, 7)]
    [InlineData(0x68, true, 8)]
    [InlineData(0x41, false, 1)]
    [InlineData(0x06, false, 6)]
    [InlineData(0x09, false, 9)]
    public void SingleNalUnit_IsAKeyframe_ForIdrSpsAndPps(byte header, bool keyframe, int type)
    {
        Assert.Equal(H264PacketStatus.Ok, H264PacketInfo.TryRead([header, 0x88, 0x84, 0x00], out H264PacketInfo info));
        Assert.Equal(H264PacketType.SingleNalUnit, info.PacketType);
        Assert.Equal(type, info.NalUnitType);
        Assert.Equal(keyframe, info.IsKeyframe);
        Assert.Equal(1, info.NalUnitCount);
    }

    [Fact]
    public void StapA_WithSpsPpsAndIdr_IsAKeyframe_AndCountsItsUnits()
    {
        // STAP-A header 0x78 (NRI 3, type 24); units: SPS (4 bytes), PPS (2 bytes), IDR (3 bytes).
        byte[] stap = [0x78, 0x00, 0x04, 0x67, 0x42, 0x00, 0x1f, 0x00, 0x02, 0x68, 0xce, 0x00, 0x03, 0x65, 0x88, 0x84];
        Assert.Equal(H264PacketStatus.Ok, H264PacketInfo.TryRead(stap, out H264PacketInfo info));
        Assert.Equal(H264PacketType.StapA, info.PacketType);
        Assert.Equal(3, info.NalUnitCount);
        Assert.Equal(7, info.NalUnitType);
        Assert.True(info.HasSps && info.HasPps && info.HasIdr && info.IsKeyframe);
    }

    [Fact]
    public void StapA_OfNonIdrUnits_IsNotAKeyframe()
    {
        byte[] stap = [0x78, 0x00, 0x02, 0x06, 0x05, 0x00, 0x03, 0x41, 0x9a, 0x00];
        Assert.Equal(H264PacketStatus.Ok, H264PacketInfo.TryRead(stap, out H264PacketInfo info));
        Assert.Equal(2, info.NalUnitCount);
        Assert.False(info.IsKeyframe);
    }

    [Fact]
    public void StapA_Malformed_IsAClearStatus()
    {
        // Size past the end; a zero size; a dangling size byte; nothing aggregated; an aggregated STAP-A; a unit with F set.
        Assert.Equal(H264PacketStatus.Truncated, H264PacketInfo.TryRead([0x78, 0x00, 0x05, 0x65, 0x88], out _));
        Assert.Equal(H264PacketStatus.Truncated, H264PacketInfo.TryRead([0x78, 0x00, 0x00, 0x65], out _));
        Assert.Equal(H264PacketStatus.Truncated, H264PacketInfo.TryRead([0x78, 0x00, 0x01, 0x65, 0x00], out _));
        Assert.Equal(H264PacketStatus.Truncated, H264PacketInfo.TryRead([0x78], out _));
        Assert.Equal(H264PacketStatus.InvalidAggregatedUnit, H264PacketInfo.TryRead([0x78, 0x00, 0x02, 0x78, 0x00], out _));
        Assert.Equal(H264PacketStatus.ForbiddenBitSet, H264PacketInfo.TryRead([0x78, 0x00, 0x02, 0xE5, 0x00], out _));
    }

    [Theory]
    [InlineData(0x85, true, true)] // S=1, type 5: an IDR slice starts
    [InlineData(0x05, false, false)] // middle fragment of an IDR slice
    [InlineData(0x45, false, false)] // E=1: last fragment
    [InlineData(0x87, true, true)] // S=1, SPS
    [InlineData(0x81, true, false)] // S=1, non-IDR slice
    public void FuA_IsAKeyframe_OnlyOnTheStartOfAnIdrOrParameterSet(byte fuHeader, bool start, bool keyframe)
    {
        // FU indicator 0x7C: NRI 3, type 28.
        Assert.Equal(H264PacketStatus.Ok, H264PacketInfo.TryRead([0x7C, fuHeader, 0x88, 0x80], out H264PacketInfo info));
        Assert.Equal(H264PacketType.FuA, info.PacketType);
        Assert.Equal(fuHeader & 0x1F, info.NalUnitType);
        Assert.Equal(start, info.StartsNalUnit);
        Assert.Equal(keyframe, info.IsKeyframe);
    }

    [Fact]
    public void FuA_Malformed_IsAClearStatus()
    {
        Assert.Equal(H264PacketStatus.InvalidFragment, H264PacketInfo.TryRead([0x7C, 0xC5, 0x88], out _)); // S and E
        Assert.Equal(H264PacketStatus.InvalidFragment, H264PacketInfo.TryRead([0x7C, 0x80, 0x88], out _)); // type 0
        Assert.Equal(H264PacketStatus.InvalidFragment, H264PacketInfo.TryRead([0x7C, 0x9C, 0x88], out _)); // type 28 inside
        Assert.Equal(H264PacketStatus.Truncated, H264PacketInfo.TryRead([0x7C, 0x85], out _)); // no fragment byte
        Assert.Equal(H264PacketStatus.Truncated, H264PacketInfo.TryRead([0x7C], out _));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x19)] // STAP-B
    [InlineData(0x1A)] // MTAP16
    [InlineData(0x1B)] // MTAP24
    [InlineData(0x1D)] // FU-B
    [InlineData(0x1E)]
    [InlineData(0x1F)]
    public void UnsupportedTypes_AreRefused(byte header)
    {
        Assert.Equal(H264PacketStatus.UnsupportedPacketType, H264PacketInfo.TryRead([header, 0x00, 0x00], out H264PacketInfo info));
        Assert.False(info.IsKeyframe);
    }

    [Fact]
    public void EmptyOrForbiddenBit_AreRefused()
    {
        Assert.Equal(H264PacketStatus.Empty, H264PacketInfo.TryRead([], out _));
        Assert.Equal(H264PacketStatus.ForbiddenBitSet, H264PacketInfo.TryRead([0xE5, 0x00], out _));
    }
}
