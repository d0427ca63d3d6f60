using System.Text;
using Gateway.Client.Events;
using Gateway.Client.Join;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Client.Tests.Events;

public sealed class MeetingEventParserTests
{
    [Fact]
    public void Parse_EveryDocumentedEvent_GivesItsTypedRecord()
    {
        Assert.Equal(new ParticipantJoinedEvent("p1", "alice", true), Parse("joined", """{"participant":"p1","identity":"alice","e2ee":true}"""));
        Assert.Equal(new ParticipantLeftEvent("p1"), Parse("left", """{"participant":"p1"}"""));
        Assert.Equal(new TrackEvent("p1", MediaKind.Video, 4000000000, 12, "1", false),
            Parse("track", """{"participant":"p1","kind":"video","ssrc":4000000000,"rtxSsrc":12,"mid":"1"}"""));
        Assert.Equal(new TrackEvent("p1", MediaKind.Audio, 5, null, null, true),
            Parse("track", """{"participant":"p1","kind":"audio","ssrc":5,"rtxSsrc":null,"ended":true}"""));
        Assert.Equal(new SpeakerEvent("p2"), Parse("speaker", """{"participant":"p2"}"""));
        Assert.Equal(new E2eeStatusEvent("p3", false), Parse("e2ee", """{"participant":"p3","encrypted":false}"""));
        Assert.IsType<RoomClosedEvent>(Parse("closed", "{}"));
        var message = Assert.IsType<MessageEvent>(Parse("message", """{"from":"p4","body":"aGVsbG8="}"""));
        Assert.Equal("p4", message.From);
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Theory]
    [InlineData("joined", "{\"participant\":\"p1\"}")]
    [InlineData("joined", "[]")]
    [InlineData("left", "{\"participant\":7}")]
    [InlineData("track", "{\"participant\":\"p\",\"kind\":\"audio\",\"ssrc\":-1}")]
    [InlineData("track", "{\"participant\":\"p\",\"kind\":\"screen\",\"ssrc\":1}")]
    [InlineData("track", "{\"participant\":\"p\",\"kind\":\"audio\",\"ssrc\":4294967296}")]
    [InlineData("message", "{\"from\":\"p\",\"body\":\"not base64!\"}")]
    [InlineData("e2ee", "{\"participant\":\"p\",\"encrypted\":\"no\"}")]
    [InlineData("joined", "{\"participant\":\"p1\",")]
    [InlineData("unknown-kind", "{}")]
    [InlineData("speaker", "")]
    public void Parse_MalformedOrUnknown_IsFalseNotAnException(string type, string data)
    {
        Assert.False(MeetingEventParser.TryParse(type, data, out MeetingEvent? parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void Parse_TruncationsAndRandomBytesOfRealEvents_NeverThrow()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        string[] samples =
        [
            """{"participant":"p1","identity":"alice","e2ee":true}""",
            """{"participant":"p1","kind":"video","ssrc":4000000000,"rtxSsrc":12,"mid":"1"}""",
            """{"from":"p4","body":"aGVsbG8="}""",
        ];
        string[] types = ["joined", "left", "track", "speaker", "e2ee", "message", "closed"];
        foreach (string sample in samples)
        {
            for (int cut = 0; cut <= sample.Length; cut++)
            {
                foreach (string type in types)
                {
                    MeetingEventParser.TryParse(type, sample[..cut], out _);
                }
            }
        }

        for (int i = 0; i < 5000; i++)
        {
            byte[] bytes = Bytes.Random(random, random.Next(0, 64));
            string text = Encoding.UTF8.GetString(bytes);
            MeetingEventParser.TryParse(types[random.Next(types.Length)], text, out _);
        }
    }

    private static MeetingEvent? Parse(string type, string data)
    {
        Assert.True(MeetingEventParser.TryParse(type, data, out MeetingEvent? parsed), $"{type} {data}");
        return parsed;
    }
}
