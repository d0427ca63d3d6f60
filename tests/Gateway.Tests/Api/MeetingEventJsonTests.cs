using System.Text;
using System.Text.Json;
using Gateway.Api;
using Gateway.Routing;

namespace Gateway.Tests.Api;

public sealed class MeetingEventJsonTests
{
    [Fact]
    public void Data_IsWrittenAsOneLineJson_WithBytesAsBase64()
    {
        var data = new Dictionary<string, object?>
        {
            ["participant"] = "p1",
            ["ssrc"] = 4000000000u,
            ["e2ee"] = true,
            ["rtxSsrc"] = null,
            ["body"] = new byte[] { 1, 2, 3 },
            ["kind"] = MediaKind.Video,
            ["list"] = new[] { 1, 2 },
            ["nested"] = new Dictionary<string, object?> { ["text"] = "line\nbreak" },
        };

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            MeetingEventJson.Write(writer, data);
        }

        string json = Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain('\n', json);
        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal("p1", root.GetProperty("participant").GetString());
        Assert.Equal(4000000000u, root.GetProperty("ssrc").GetUInt32());
        Assert.True(root.GetProperty("e2ee").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rtxSsrc").ValueKind);
        Assert.Equal("AQID", root.GetProperty("body").GetString());
        Assert.Equal("video", root.GetProperty("kind").GetString());
        Assert.Equal(2, root.GetProperty("list").GetArrayLength());
        Assert.Equal("line\nbreak", root.GetProperty("nested").GetProperty("text").GetString());
    }
}
