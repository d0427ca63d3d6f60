namespace Gateway.Client.Events;

/// <summary><c>e2ee</c>: in an <c>optional</c> room, a participant whose media is not end-to-end encrypted.</summary>
/// <param name="ParticipantId">The participant.</param>
/// <param name="Encrypted">Whether its media is end-to-end encrypted (the gateway announces false).</param>
public sealed record E2eeStatusEvent(string ParticipantId, bool Encrypted) : MeetingEvent;
