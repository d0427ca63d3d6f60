namespace Gateway.Routing;

/// <summary>The event stream's entries (control plane: allocates). Field names are the JSON the SSE stream carries.</summary>
internal static class MeetingEvents
{
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Track = "track";
    public const string Speaker = "speaker";
    public const string Message = "message";
    public const string E2ee = "e2ee";
    public const string Closed = "closed";

    public static MeetingEvent JoinedEvent(Participant participant) => new(Joined, new Dictionary<string, object?>
    {
        ["participant"] = participant.Id,
        ["identity"] = participant.Identity,
        ["e2ee"] = participant.E2ee,
    });

    public static MeetingEvent LeftEvent(Participant participant) => new(Left, new Dictionary<string, object?>
    {
        ["participant"] = participant.Id,
    });

    /// <summary>A published track; <paramref name="ended"/> when its publisher said BYE for it.</summary>
    public static MeetingEvent TrackEvent(PublishedTrack track, bool ended = false)
    {
        var data = new Dictionary<string, object?>
        {
            ["participant"] = track.Publisher.Id,
            ["kind"] = track.Kind == MediaKind.Audio ? "audio" : "video",
            ["ssrc"] = track.OriginalSsrc,
            ["rtxSsrc"] = track.RtxSsrc,
            ["mid"] = track.Mid,
        };
        if (ended)
        {
            data["ended"] = true;
        }

        return new MeetingEvent(Track, data);
    }

    public static MeetingEvent SpeakerEvent(Participant participant) => new(Speaker, new Dictionary<string, object?>
    {
        ["participant"] = participant.Id,
    });

    public static MeetingEvent MessageEvent(string from, ReadOnlySpan<byte> body) => new(Message, new Dictionary<string, object?>
    {
        ["from"] = from,
        ["body"] = Convert.ToBase64String(body),
    });

    public static MeetingEvent UnencryptedEvent(Participant participant) => new(E2ee, new Dictionary<string, object?>
    {
        ["participant"] = participant.Id,
        ["encrypted"] = false,
    });

    public static MeetingEvent ClosedEvent() => new(Closed, new Dictionary<string, object?>());
}
