namespace Gateway.Client.Events;

/// <summary><c>left</c>: a participant left (or was removed).</summary>
/// <param name="ParticipantId">The participant's id.</param>
public sealed record ParticipantLeftEvent(string ParticipantId) : MeetingEvent;
