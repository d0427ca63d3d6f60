namespace Gateway.Client.Events;

/// <summary><c>closed</c>: the room ended; the stream ends after it.</summary>
public sealed record RoomClosedEvent : MeetingEvent;
