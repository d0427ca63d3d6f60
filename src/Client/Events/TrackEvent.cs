using Gateway.Client.Join;

namespace Gateway.Client.Events;

/// <summary><c>track</c>: a participant publishes a track (or, with <see cref="Ended"/>, stopped it with RTCP BYE).</summary>
/// <param name="ParticipantId">The publisher.</param>
/// <param name="Kind">Audio or video.</param>
/// <param name="Ssrc">The SSRC its packets carry.</param>
/// <param name="RtxSsrc">The SSRC of its retransmissions, if any.</param>
/// <param name="Mid">The m-line id of the publisher's offer.</param>
/// <param name="Ended">True when the publisher ended the track.</param>
public sealed record TrackEvent(string ParticipantId, MediaKind Kind, uint Ssrc, uint? RtxSsrc, string? Mid, bool Ended) : MeetingEvent;
