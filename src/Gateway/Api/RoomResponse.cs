using Gateway.Routing;

namespace Gateway.Api;

/// <summary>A room as the API shows it (POST and GET /v1/rooms).</summary>
internal sealed record RoomResponse(string Id, string E2ee, int MaxParticipants, int MaxPacketsPerSecond, int Participants, DateTimeOffset CreatedAt)
{
    public static RoomResponse From(MeetingInfo meeting) => new(
        meeting.Id, RoomPolicy.Name(meeting.E2ee), meeting.MaxParticipants, meeting.MaxPacketsPerSecondPerParticipant, meeting.Participants, meeting.CreatedAt);
}
