using Gateway.LoadGen.Run;

namespace Gateway.Client.Tests.LoadGen;

public sealed class LoadOptionsTests
{
    private static readonly Uri Node = new("http://127.0.0.1:8080");

    [Theory]
    [InlineData(1, 3, "Live")]
    [InlineData(4, 5, "Live")]
    [InlineData(7, 3, "PreEncoded")]
    [InlineData(50, 5, "PreEncoded")]
    public void Auto_PreEncodesAboveTheLiveLimit(int meetings, int participants, string mode)
    {
        EncodeMode expected = Enum.Parse<EncodeMode>(mode);
        var options = new LoadOptions { Gateway = Node, Meetings = meetings, Participants = participants };

        Assert.Equal(expected, options.EffectiveEncode);
        Assert.Equal(meetings * participants > LoadOptions.LiveEncodeLimit ? EncodeMode.PreEncoded : EncodeMode.Live, options.EffectiveEncode);
    }

    [Theory]
    [InlineData("Live")]
    [InlineData("PreEncoded")]
    public void AnExplicitMode_IsKept_WhateverTheSize(string name)
    {
        EncodeMode mode = Enum.Parse<EncodeMode>(name);
        Assert.Equal(mode, new LoadOptions { Gateway = Node, Meetings = 50, Participants = 5, Encode = mode }.EffectiveEncode);
        Assert.Equal(mode, new LoadOptions { Gateway = Node, Meetings = 1, Participants = 2, Encode = mode }.EffectiveEncode);
    }

    [Theory]
    [InlineData(1, 3, null, 3)]
    [InlineData(50, 5, null, 8)]
    [InlineData(50, 5, 20, 20)]
    [InlineData(1, 2, 20, 2)]
    public void Sources_AreAtMostOnePerParticipant(int meetings, int participants, int? sources, int expected) =>
        Assert.Equal(expected, new LoadOptions { Gateway = Node, Meetings = meetings, Participants = participants, Sources = sources }.EffectiveSources);

    [Theory]
    [InlineData(4, 200)]
    [InlineData(2, 100)]
    [InlineData(1.1, 55)]
    public void LoopFrames_AreTheLoopInTwentyMillisecondFrames(double seconds, int frames) =>
        Assert.Equal(frames, new LoadOptions { Gateway = Node, LoopSeconds = seconds }.LoopFrames);

    [Fact]
    public void TotalStreams_CountsEachListenerOfEachSender() =>
        Assert.Equal(1000, new LoadOptions { Gateway = Node, Meetings = 50, Participants = 5 }.TotalStreams);
}
