namespace Gateway.Client.Events;

/// <summary><c>joined</c>: a participant is in the room (the stream starts with one per participant already there, this one included).</summary>
/// <param name="ParticipantId">The participant's id in the room.</param>
/// <param name="Identity">The identity of its token.</param>
/// <param name="E2ee">Whether it offered end-to-end encryption.</param>
public sealed record ParticipantJoinedEvent(string ParticipantId, string Identity, bool E2ee) : MeetingEvent;
