namespace Gateway.Client.Events;

/// <summary><c>speaker</c>: the active speaker changed (from RFC 6464 audio levels).</summary>
/// <param name="ParticipantId">The participant now speaking.</param>
public sealed record SpeakerEvent(string ParticipantId) : MeetingEvent;
