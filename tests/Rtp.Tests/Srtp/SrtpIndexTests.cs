using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>RFC 3711 §3.3.1 / Appendix A: the index guess from s_l and SEQ.</summary>
public sealed class SrtpIndexTests
{
    [Theory]
    [InlineData(0u, 100, 101, 0u)] // in order
    [InlineData(0u, 100, 50, 0u)] // reordered, same ROC
    [InlineData(0u, 65535, 0, 1u)] // wrap: 65535 then 0 is ROC + 1
    [InlineData(0u, 65535, 10, 1u)]
    [InlineData(0u, 40000, 7000, 1u)] // s_l - 2^15 > SEQ: a wrap
    [InlineData(0u, 40000, 7233, 0u)] // s_l - 2^15 = SEQ: the same ROC (the RFC's strict ">")
    [InlineData(1u, 3, 65530, 0u)] // reordered back across the wrap: ROC - 1
    [InlineData(1u, 32767, 65535, 1u)] // SEQ - s_l = 2^15: not > 2^15, so the same ROC
    [InlineData(5u, 100, 40000, 4u)] // SEQ - s_l > 2^15: ROC - 1
    [InlineData(5u, 32768, 0, 5u)] // s_l = 2^15: SEQ 0 is not below s_l - 2^15 = 0
    public void Estimate_HighestAndSequence_GuessesTheRolloverCounter(uint roc, int highestSequence, int sequence, uint expectedRoc)
    {
        ulong highest = ((ulong)roc << 16) | (uint)highestSequence;

        long index = SrtpIndex.Estimate(highest, (ushort)sequence);

        Assert.Equal(((long)expectedRoc << 16) | (uint)sequence, index);
    }

    [Fact]
    public void Estimate_PacketFromBeforeTheFirstRollover_IsNegative()
    {
        Assert.True(SrtpIndex.Estimate(10, 60000) < 0);
    }

    [Fact]
    public void Estimate_WrapAtTheLastRolloverCounter_IsBeyondTheKeyLimit()
    {
        ulong highest = ((ulong)uint.MaxValue << 16) | 65535;
        Assert.True(SrtpIndex.Estimate(highest, 0) > SrtpIndex.MaxRtpIndex);
    }

    [Fact]
    public void Estimate_EveryDistanceWithinHalfTheSequenceSpace_GivesTheTrueIndex()
    {
        // Around a wrap and away from it: any packet within 2^15 - 1 of s_l gets its true index.
        foreach (ulong highest in new ulong[] { (3UL << 16) | 65500, (3UL << 16) | 20, (7UL << 16) | 32768, (2UL << 16) | 32767 })
        {
            for (long distance = -32767; distance <= 32767; distance += 13)
            {
                long truth = (long)highest + distance;
                Assert.Equal(truth, SrtpIndex.Estimate(highest, (ushort)truth));
            }
        }
    }
}
