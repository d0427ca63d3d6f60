using System.Text.Json;
using Gateway.Client.Join;

namespace Gateway.Client.Events;

/// <summary>
/// Turns one server-sent event (type and JSON data) into a <see cref="MeetingEvent"/>. Unknown types (a newer gateway)
/// and malformed data give false, never an exception.
/// </summary>
internal static class MeetingEventParser
{
    public static bool TryParse(string type, string data, out MeetingEvent? meetingEvent)
    {
        meetingEvent = null;
        if (type == "closed")
        {
            meetingEvent = new RoomClosedEvent();
            return true;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            meetingEvent = type switch
            {
                "joined" => Text(root, "participant") is { } id && Text(root, "identity") is { } identity
                    ? new ParticipantJoinedEvent(id, identity, Flag(root, "e2ee") ?? false)
                    : null,
                "left" => Text(root, "participant") is { } id ? new ParticipantLeftEvent(id) : null,
                "track" => ParseTrack(root),
                "speaker" => Text(root, "participant") is { } id ? new SpeakerEvent(id) : null,
                "e2ee" => Text(root, "participant") is { } id && Flag(root, "encrypted") is bool encrypted
                    ? new E2eeStatusEvent(id, encrypted)
                    : null,
                "message" => ParseMessage(root),
                _ => null,
            };
            return meetingEvent is not null;
        }
    }

    private static TrackEvent? ParseTrack(JsonElement root)
    {
        if (Text(root, "participant") is not { } id || Number(root, "ssrc") is not uint ssrc)
        {
            return null;
        }

        MediaKind? kind = Text(root, "kind") switch
        {
            "audio" => MediaKind.Audio,
            "video" => MediaKind.Video,
            _ => null,
        };
        return kind is MediaKind k
            ? new TrackEvent(id, k, ssrc, Number(root, "rtxSsrc"), Text(root, "mid"), Flag(root, "ended") ?? false)
            : null;
    }

    private static MessageEvent? ParseMessage(JsonElement root)
    {
        if (Text(root, "from") is not { } from || Text(root, "body") is not { } body)
        {
            return null;
        }

        byte[] bytes = new byte[(body.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(body, bytes, out int written) ? new MessageEvent(from, bytes.AsMemory(0, written)) : null;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static bool? Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    private static uint? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out uint number)
            ? number
            : null;
}
