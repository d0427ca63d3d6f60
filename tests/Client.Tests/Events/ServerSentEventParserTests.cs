using Gateway.Client.Events;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Client.Tests.Events;

public sealed class ServerSentEventParserTests
{
    [Fact]
    public void Feed_EventAndDataThenBlankLine_DispatchesOnce()
    {
        var parser = new ServerSentEventParser();
        Assert.False(parser.TryFeed("event: joined", out _, out _));
        Assert.False(parser.TryFeed("data: {\"a\":1}", out _, out _));

        Assert.True(parser.TryFeed("", out string type, out string data));
        Assert.Equal("joined", type);
        Assert.Equal("{\"a\":1}", data);
        Assert.False(parser.TryFeed("", out _, out _));
    }

    [Fact]
    public void Feed_CommentsAndUnknownFieldsAreIgnored_AndDataLinesJoinWithNewlines()
    {
        var parser = new ServerSentEventParser();
        parser.TryFeed(": keep-alive", out _, out _);
        parser.TryFeed("id: 7", out _, out _);
        parser.TryFeed("data:one", out _, out _);
        parser.TryFeed("data: two", out _, out _);

        Assert.True(parser.TryFeed("", out string type, out string data));
        Assert.Equal("message", type);
        Assert.Equal("one\ntwo", data);
    }

    [Fact]
    public void Feed_OversizedData_IsDroppedAndCounted_AndTheNextEventStillParses()
    {
        var parser = new ServerSentEventParser();
        string chunk = new('x', 64 * 1024);
        for (int i = 0; i < 5; i++)
        {
            parser.TryFeed("data: " + chunk, out _, out _);
        }

        Assert.False(parser.TryFeed("", out _, out _));
        Assert.Equal(1, parser.Dropped);
        parser.TryFeed("event: left", out _, out _);
        parser.TryFeed("data: {}", out _, out _);
        Assert.True(parser.TryFeed("", out string type, out _));
        Assert.Equal("left", type);
    }

    [Fact]
    public void Feed_RandomLines_NeverThrows()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        var parser = new ServerSentEventParser();
        string[] pieces = ["event", "data", ":", " ", "\u00e9", "{", "}", "\"", "closed", "id", "retry", "\0", "\u2028"];
        for (int i = 0; i < 20000; i++)
        {
            int count = random.Next(0, 6);
            var line = new System.Text.StringBuilder();
            for (int j = 0; j < count; j++)
            {
                line.Append(pieces[random.Next(pieces.Length)]);
            }

            if (parser.TryFeed(line.ToString(), out string type, out string data))
            {
                Assert.NotNull(type);
                Assert.NotNull(data);
                MeetingEventParser.TryParse(type, data, out _);
            }
        }
    }
}
