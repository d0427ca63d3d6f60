using Concentus.Structs;
using Gateway.Codecs.Opus;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Codecs.Tests.Opus;

/// <summary>
/// The TOC byte against RFC 6716 Table 2 (typed here from the RFC, not from the code), every frame
/// count code, the §3.4 requirements R1..R7, and a cross-check against Concentus's own packet parser.
/// </summary>
public sealed class OpusTocTests
{
    // RFC 6716 §3.1 Table 2: configuration ranges, mode, bandwidth, frame sizes in ms.
    private static readonly (int First, int Last, OpusMode Mode, OpusBandwidth Bandwidth, double[] Ms)[] Table2 =
    [
        (0, 3, OpusMode.Silk, OpusBandwidth.Narrowband, [10, 20, 40, 60]),
        (4, 7, OpusMode.Silk, OpusBandwidth.Mediumband, [10, 20, 40, 60]),
        (8, 11, OpusMode.Silk, OpusBandwidth.Wideband, [10, 20, 40, 60]),
        (12, 13, OpusMode.Hybrid, OpusBandwidth.SuperWideband, [10, 20]),
        (14, 15, OpusMode.Hybrid, OpusBandwidth.Fullband, [10, 20]),
        (16, 19, OpusMode.Celt, OpusBandwidth.Narrowband, [2.5, 5, 10, 20]),
        (20, 23, OpusMode.Celt, OpusBandwidth.Wideband, [2.5, 5, 10, 20]),
        (24, 27, OpusMode.Celt, OpusBandwidth.SuperWideband, [2.5, 5, 10, 20]),
        (28, 31, OpusMode.Celt, OpusBandwidth.Fullband, [2.5, 5, 10, 20]),
    ];

    public static TheoryData<int> Configs() => [.. Enumerable.Range(0, 32)];

    [Theory]
    [MemberData(nameof(Configs))]
    public void EveryConfigAndCode_GivesTable2sModeBandwidthAndDuration(int config)
    {
        (OpusMode mode, OpusBandwidth bandwidth, double ms) = Expected(config);
        int frameSamples = (int)(ms * 48);
        foreach (bool stereo in new[] { false, true })
        {
            byte toc(int code) => (byte)((config << 3) | (stereo ? 4 : 0) | code);

            // Code 0: one frame of 10 bytes.
            Check([toc(0), .. new byte[10]], 0, 1);

            // Code 1: two frames of 5 bytes.
            Check([toc(1), .. new byte[10]], 1, 2);

            // Code 2: a first frame of 3 bytes (length 3), then 6 bytes.
            Check([toc(2), 3, .. new byte[9]], 2, 2);

            // Code 3: every frame count up to 120 ms, CBR with 2 bytes a frame.
            for (int m = 1; m * frameSamples <= 5760; m++)
            {
                Check([toc(3), (byte)m, .. new byte[2 * m]], 3, m);
            }

            void Check(byte[] packet, int code, int frames)
            {
                string context = $"config {config} stereo {stereo} code {code} frames {frames}";
                Assert.True(OpusToc.TryParse(packet, out OpusToc parsed) == OpusTocStatus.Ok, context);
                Assert.Equal(config, parsed.Config);
                Assert.Equal(mode, parsed.Mode);
                Assert.Equal(bandwidth, parsed.Bandwidth);
                Assert.Equal(stereo, parsed.IsStereo);
                Assert.Equal(code, parsed.FrameCountCode);
                Assert.Equal(frames, parsed.FrameCount);
                Assert.Equal(frameSamples, parsed.FrameSamples);
                Assert.True(frames * frameSamples == parsed.DurationSamples, context);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Code3_MoreThan120Ms_OrZeroFrames_IsInvalidFrameCount(int config)
    {
        int frameSamples = (int)(Expected(config).Ms * 48);
        int tooMany = (5760 / frameSamples) + 1;
        byte toc = (byte)((config << 3) | 3);
        Assert.Equal(OpusTocStatus.InvalidFrameCount, OpusToc.TryParse([toc, (byte)tooMany, .. new byte[tooMany]], out _));
        Assert.Equal(OpusTocStatus.InvalidFrameCount, OpusToc.TryParse([toc, 0], out _));
    }

    [Fact]
    public void FrameLengthRules_R1ToR7_AreEnforced()
    {
        const byte Celt20 = 31 << 3;

        // R1: at least one byte.
        Assert.Equal(OpusTocStatus.Empty, OpusToc.TryParse([], out _));

        // R2: code 0 frame of 1275 bytes is the largest.
        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse([Celt20, .. new byte[1275]], out _));
        Assert.Equal(OpusTocStatus.InvalidFrameLength, OpusToc.TryParse([Celt20, .. new byte[1276]], out _));

        // R3: code 1 needs an even number of bytes after the TOC (an empty pair is two DTX frames).
        Assert.Equal(OpusTocStatus.InvalidFrameLength, OpusToc.TryParse([Celt20 | 1, 1, 2, 3], out _));
        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse([Celt20 | 1], out _));

        // R4: code 2 length byte(s) present and not past the end; 252..255 take a second byte (4 x second + first).
        Assert.Equal(OpusTocStatus.Truncated, OpusToc.TryParse([Celt20 | 2], out _));
        Assert.Equal(OpusTocStatus.Truncated, OpusToc.TryParse([Celt20 | 2, 252], out _));
        Assert.Equal(OpusTocStatus.InvalidFrameLength, OpusToc.TryParse([Celt20 | 2, 5, 1, 2, 3], out _));
        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse([Celt20 | 2, 252, 0, .. new byte[252]], out _));
        Assert.Equal(OpusTocStatus.InvalidFrameLength, OpusToc.TryParse([Celt20 | 2, 252, 1, .. new byte[255]], out _));
        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse([Celt20 | 2, 252, 1, .. new byte[256]], out _));

        // R5/R6: code 3 CBR, the rest must split evenly.
        Assert.Equal(OpusTocStatus.Truncated, OpusToc.TryParse([Celt20 | 3], out _));
        Assert.Equal(OpusTocStatus.InvalidFrameLength, OpusToc.TryParse([Celt20 | 3, 2, 1, 2, 3], out _));

        // Padding (p bit): one length byte of 3, then 3 padding bytes at the end.
        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse([Celt20 | 3, 0x42, 3, 1, 2, 3, 4, 9, 9, 9], out OpusToc padded));
        Assert.Equal(2, padded.FrameCount);

        // A padding length byte of 255 means 254 bytes and another length byte.
        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse([Celt20 | 3, 0x41, 255, 0, .. new byte[254]], out _));
        Assert.Equal(OpusTocStatus.Truncated, OpusToc.TryParse([Celt20 | 3, 0x41, 255], out _));
        Assert.Equal(OpusTocStatus.InvalidFrameLength, OpusToc.TryParse([Celt20 | 3, 0x41, 10, 1, 2], out _));

        // R7: code 3 VBR, M-1 lengths, the last frame takes the rest.
        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse([Celt20 | 3, 0x83, 1, 2, 7, 8, 8, 9, 9, 9], out OpusToc vbr));
        Assert.Equal(3, vbr.FrameCount);
        Assert.Equal(OpusTocStatus.Truncated, OpusToc.TryParse([Celt20 | 3, 0x83, 1], out _));
        Assert.Equal(OpusTocStatus.InvalidFrameLength, OpusToc.TryParse([Celt20 | 3, 0x83, 5, 5, 1, 2], out _));
    }

    [Fact]
    public void ValidPackets_AgreeWithConcentusOnDuration()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        int agreed = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] packet = Bytes.Random(random, random.Next(1, 40));
            if (OpusToc.TryParse(packet, out OpusToc toc) != OpusTocStatus.Ok)
            {
                continue;
            }

            int concentus = OpusPacketInfo.GetNumSamples(packet, 48_000);
            Assert.True(concentus == toc.DurationSamples, $"{Convert.ToHexString(packet)}: Concentus {concentus}, ours {toc.DurationSamples}; {TestSeed.Describe(seed)}");
            agreed++;
        }

        Assert.True(agreed > 1_000, $"only {agreed} valid packets; {TestSeed.Describe(seed)}");
    }

    private static (OpusMode Mode, OpusBandwidth Bandwidth, double Ms) Expected(int config)
    {
        foreach ((int first, int last, OpusMode mode, OpusBandwidth bandwidth, double[] ms) in Table2)
        {
            if (config >= first && config <= last)
            {
                return (mode, bandwidth, ms[config - first]);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(config));
    }
}
