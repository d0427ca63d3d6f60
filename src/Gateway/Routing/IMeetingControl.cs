using System.Threading.Channels;

namespace Gateway.Routing;

/// <summary>
/// The control plane's view of the router: meetings, joins and leaves, event streams and opaque messages.
/// Thread-safe; the router carries each change out on the worker that owns the meeting. Implemented by
/// the router; used by the HTTP control API.
/// </summary>
public interface IMeetingControl
{
    /// <summary>Creates a meeting; <paramref name="info"/> is the meeting as it now is (also when it already existed).</summary>
    CreateMeetingStatus CreateMeeting(MeetingOptions options, out MeetingInfo? info);

    /// <summary>All meetings on this node.</summary>
    IReadOnlyList<MeetingInfo> ListMeetings();

    /// <summary>The meeting <paramref name="meetingId"/>, or null.</summary>
    MeetingInfo? GetMeeting(string meetingId);

    /// <summary>Ends a meeting: every participant leaves (their event streams get "closed"). False when there was none.</summary>
    Task<bool> EndMeetingAsync(string meetingId);

    /// <summary>Adds a participant. The caller wipes <see cref="ParticipantSpec.InboundKeyAndSalt"/> and the result's key afterwards.</summary>
    Task<JoinResult> JoinAsync(string meetingId, ParticipantSpec participant, CancellationToken cancellationToken);

    /// <summary>The identity a participant joined with, or null when there is no such participant.</summary>
    string? GetParticipantIdentity(string meetingId, string participantId);

    /// <summary>Removes a participant (its streams stop; the others get "left"). False when there was none.</summary>
    Task<bool> LeaveAsync(string meetingId, string participantId);

    /// <summary>
    /// The participant's event stream, starting with a snapshot (one "joined" per present participant and one
    /// "track" per published track), or null when there is no such participant. One reader at a time: a new
    /// call completes the previous reader.
    /// </summary>
    ChannelReader<MeetingEvent>? OpenEvents(string meetingId, string participantId);

    /// <summary>Relays opaque bytes from one participant to another (or to all others when <paramref name="toParticipantId"/> is null) as a "message" event. Never inspected, never stored.</summary>
    MessageDelivery SendMessage(string meetingId, string fromParticipantId, string? toParticipantId, ReadOnlyMemory<byte> body);

    /// <summary>Stops taking new meetings and participants (drain).</summary>
    void StopAccepting();
}
