using Gateway.Client.Statistics;

namespace Gateway.Client.Tests.Statistics;

public sealed class InterarrivalJitterTests
{
    [Fact]
    public void Update_PerfectlyPacedPackets_HaveNoJitter()
    {
        var jitter = new InterarrivalJitter();
        for (int i = 0; i < 100; i++)
        {
            jitter.Update(1000 + (i * 960.0), (uint)(4000000000u + (i * 960)));
        }

        Assert.Equal(0, jitter.Units, 9);
    }

    [Fact]
    public void Update_AlternatingDelay_FollowsTheRfc3550Recursion()
    {
        // Every other packet is 48 units late: |D| = 48 for every packet after the first, so J_n = 48 (1 - (15/16)^n).
        var jitter = new InterarrivalJitter();
        const int Packets = 40;
        for (int i = 0; i < Packets; i++)
        {
            jitter.Update((i * 960.0) + (i % 2 == 1 ? 48 : 0), (uint)(i * 960));
        }

        double expected = 48 * (1 - Math.Pow(15.0 / 16.0, Packets - 1));
        Assert.Equal(expected, jitter.Units, 9);
    }
}
