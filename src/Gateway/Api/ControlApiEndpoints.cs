namespace Gateway.Api;

/// <summary>
/// The HTTP control API (v1): rooms, participants with SDP offer/answer, event streams and messages. Every call
/// carries a bearer access token; every error is RFC 9457 problem details. Handlers are plain request delegates:
/// no reflection binding, JSON through <see cref="ApiJsonContext"/>.
/// </summary>
internal static class ControlApiEndpoints
{
    public const string RoomsPath = "/v1/rooms";

    private const string RoomRoute = RoomsPath + "/{room}";
    private const string ParticipantsRoute = RoomRoute + "/participants";
    private const string ParticipantRoute = ParticipantsRoute + "/{participant}";

    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(RoomsPath, RoomEndpoints.CreateAsync).WithName("CreateRoom");
        endpoints.MapGet(RoomsPath, RoomEndpoints.ListAsync).WithName("ListRooms");
        endpoints.MapGet(RoomRoute, RoomEndpoints.GetAsync).WithName("GetRoom");
        endpoints.MapDelete(RoomRoute, RoomEndpoints.DeleteAsync).WithName("EndRoom");
        endpoints.MapPost(ParticipantsRoute, ParticipantEndpoints.JoinAsync).WithName("Join");
        endpoints.MapDelete(ParticipantRoute, ParticipantEndpoints.LeaveAsync).WithName("Leave");
        endpoints.MapGet(ParticipantRoute + "/events", EventStreamEndpoint.StreamAsync).WithName("Events");
        endpoints.MapPost(ParticipantRoute + "/messages", MessageEndpoint.SendAsync).WithName("SendMessage");
        return endpoints;
    }

    public static string RoomPath(string room) => $"{RoomsPath}/{Uri.EscapeDataString(room)}";

    public static string ParticipantPath(string room, string participant) => $"{RoomPath(room)}/participants/{Uri.EscapeDataString(participant)}";

    public static string Room(HttpContext context) => context.Request.RouteValues["room"] as string ?? "";

    public static string Participant(HttpContext context) => context.Request.RouteValues["participant"] as string ?? "";
}
