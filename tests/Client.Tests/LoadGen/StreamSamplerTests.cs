using Gateway.LoadGen.Run;

namespace Gateway.Client.Tests.LoadGen;

public sealed class StreamSamplerTests
{
    [Theory]
    [InlineData(50, 5, 16)]
    [InlineData(2, 3, 2)]
    [InlineData(1, 2, 2)]
    [InlineData(3, 4, 36)]
    [InlineData(7, 6, 100)]
    public void Choose_GivesDistinctValidStreams(int meetings, int participants, int count)
    {
        IReadOnlyList<(int Meeting, int Sender, int Receiver)> chosen = StreamSampler.Choose(meetings, participants, count);

        Assert.Equal(Math.Min(count, meetings * participants * (participants - 1)), chosen.Count);
        Assert.Equal(chosen.Count, chosen.Distinct().Count());
        foreach ((int meeting, int sender, int receiver) in chosen)
        {
            Assert.InRange(meeting, 0, meetings - 1);
            Assert.InRange(sender, 0, participants - 1);
            Assert.InRange(receiver, 0, participants - 1);
            Assert.NotEqual(sender, receiver);
        }
    }

    [Fact]
    public void Choose_FewerThanMeetings_TakesOneFromEachOfEvenlySpacedMeetings()
    {
        IReadOnlyList<(int Meeting, int Sender, int Receiver)> chosen = StreamSampler.Choose(50, 5, 16);

        int[] meetings = [.. chosen.Select(s => s.Meeting)];
        Assert.Equal(16, meetings.Distinct().Count());
        Assert.Equal(0, meetings.Min());
        Assert.True(meetings.Max() >= 45, $"the sample stops at meeting {meetings.Max()} of 50");
        for (int i = 1; i < meetings.Length; i++)
        {
            Assert.InRange(meetings[i] - meetings[i - 1], 3, 4);
        }

        // Not always participant 0: the sample covers every sender and receiver position.
        Assert.Equal(5, chosen.Select(s => s.Sender).Distinct().Count());
        Assert.Equal(5, chosen.Select(s => s.Receiver).Distinct().Count());
    }

    [Fact]
    public void Choose_MoreThanMeetings_SpreadsThemEvenly()
    {
        IReadOnlyList<(int Meeting, int Sender, int Receiver)> chosen = StreamSampler.Choose(16, 5, 40);

        foreach (IGrouping<int, (int Meeting, int Sender, int Receiver)> meeting in chosen.GroupBy(s => s.Meeting))
        {
            Assert.InRange(meeting.Count(), 2, 3);
        }

        Assert.Equal(16, chosen.Select(s => s.Meeting).Distinct().Count());
    }

    [Fact]
    public void Choose_AllOrMore_IsEveryStream()
    {
        IReadOnlyList<(int Meeting, int Sender, int Receiver)> chosen = StreamSampler.Choose(3, 4, int.MaxValue);

        var expected = new HashSet<(int, int, int)>();
        for (int m = 0; m < 3; m++)
        {
            for (int s = 0; s < 4; s++)
            {
                for (int r = 0; r < 4; r++)
                {
                    if (s != r)
                    {
                        expected.Add((m, s, r));
                    }
                }
            }
        }

        Assert.True(expected.SetEquals(chosen));
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(5, 3)]
    [InlineData(2, 1)]
    public void Pair_FirstRound_SharesNeitherSenderNorReceiver(int participants, int rotation)
    {
        var senders = new HashSet<int>();
        var receivers = new HashSet<int>();
        for (int n = 0; n < participants; n++)
        {
            (int sender, int receiver) = StreamSampler.Pair(n, participants, rotation);
            Assert.NotEqual(sender, receiver);
            Assert.True(senders.Add(sender));
            Assert.True(receivers.Add(receiver));
        }
    }
}
