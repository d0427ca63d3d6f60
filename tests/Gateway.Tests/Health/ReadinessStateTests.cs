using Gateway.Health;

namespace Gateway.Tests.Health;

public sealed class ReadinessStateTests
{
    [Fact]
    public void NewState_IsStarting()
    {
        var readiness = new ReadinessState();

        Assert.Equal(NodeState.Starting, readiness.State);
        Assert.False(readiness.IsReady);
    }

    [Fact]
    public void MarkReady_MovesStartingToReady()
    {
        var readiness = new ReadinessState();

        readiness.MarkReady();

        Assert.True(readiness.IsReady);
    }

    [Fact]
    public void MarkReady_AfterDraining_StaysDraining()
    {
        var readiness = new ReadinessState();
        readiness.MarkReady();

        Assert.True(readiness.MarkDraining());
        readiness.MarkReady();

        Assert.Equal(NodeState.Draining, readiness.State);
        Assert.False(readiness.MarkDraining());
    }
}
