namespace Gateway.Routing;

/// <summary>
/// One entry of a participant's event stream (GET .../events, server-sent events): <see cref="Type"/> names the
/// SSE event, <see cref="Data"/> is its JSON object.
/// </summary>
/// <param name="Type">joined, left, track, speaker, message, e2ee (who is not encrypted), closed.</param>
/// <param name="Data">The event's fields, serialized as a JSON object.</param>
public sealed record MeetingEvent(string Type, IReadOnlyDictionary<string, object?> Data);
