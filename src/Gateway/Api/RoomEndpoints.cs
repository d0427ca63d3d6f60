using System.Text.Json;
using Gateway.Auth;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>POST, GET and DELETE of /v1/rooms: meetings, for the operator's backend (admin grant).</summary>
internal static class RoomEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static async Task CreateAsync(HttpContext context)
    {
        var claims = await ApiCaller.AuthorizeAsync(context, room: null, AccessTokenGrants.Admin).ConfigureAwait(false);
        if (claims is null)
        {
            return;
        }

        RoomRequest? request;
        using (var body = await RequestBody.ReadAsync(context, MaxBodyBytes).ConfigureAwait(false))
        {
            if (body.TooLarge)
            {
                await ApiProblems.TooLargeAsync(context, MaxBodyBytes, "room request").ConfigureAwait(false);
                return;
            }

            try
            {
                request = JsonSerializer.Deserialize(body.Span, ApiJsonContext.Default.RoomRequest);
            }
            catch (JsonException ex)
            {
                await ApiProblems.BadRequestAsync(context, $"The body is not the room JSON ({ex.Message}); send {{\"id\":\"r1\",\"e2ee\":\"optional\",\"maxParticipants\":50,\"maxPacketsPerSecond\":2000}}.").ConfigureAwait(false);
                return;
            }
        }

        if (request is null || !RoomPolicy.IsValidId(request.Id))
        {
            await ApiProblems.BadRequestAsync(context, $"\"id\" must be 1 to {RoomPolicy.MaxIdLength} characters of A-Z, a-z, 0-9, '.', '_' and '-'.").ConfigureAwait(false);
            return;
        }

        if (!RoomPolicy.TryParse(request.E2ee, out E2eePolicy policy))
        {
            await ApiProblems.BadRequestAsync(context, "\"e2ee\" must be \"required\", \"optional\" or \"off\".").ConfigureAwait(false);
            return;
        }

        var defaults = new MeetingOptions { Id = request.Id };
        int maxParticipants = request.MaxParticipants ?? defaults.MaxParticipants;
        int maxPackets = request.MaxPacketsPerSecond ?? defaults.MaxPacketsPerSecondPerParticipant;
        if (maxParticipants is < 1 or > RoomPolicy.MaxParticipantsLimit || maxPackets is < 1 or > RoomPolicy.MaxPacketsPerSecondLimit)
        {
            await ApiProblems.BadRequestAsync(context, $"\"maxParticipants\" must be 1 to {RoomPolicy.MaxParticipantsLimit} and \"maxPacketsPerSecond\" 1 to {RoomPolicy.MaxPacketsPerSecondLimit}.").ConfigureAwait(false);
            return;
        }

        if (!claims.AllowsRoom(request.Id))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"gateway\", error=\"insufficient_scope\"";
            await ApiProblems.ForbiddenAsync(context, $"The access token does not cover room '{request.Id}'; mint an admin token for this room or for room \"*\".").ConfigureAwait(false);
            return;
        }

        var control = context.RequestServices.GetService<IMeetingControl>();
        if (control is null)
        {
            await ApiProblems.NotRunningAsync(context).ConfigureAwait(false);
            return;
        }

        var status = control.CreateMeeting(defaults with { E2ee = policy, MaxParticipants = maxParticipants, MaxPacketsPerSecondPerParticipant = maxPackets }, out MeetingInfo? meeting);
        switch (status)
        {
            case CreateMeetingStatus.Created when meeting is not null:
                var logger = ApiLog.For(context);
                ApiLog.RoomCreated(logger, meeting.Id, meeting.E2ee, meeting.MaxParticipants);
                context.Response.Headers.Location = ControlApiEndpoints.RoomPath(meeting.Id);
                await WriteAsync(context, StatusCodes.Status201Created, meeting).ConfigureAwait(false);
                return;
            case CreateMeetingStatus.AlreadyExists when meeting is not null:
                context.Response.Headers.Location = ControlApiEndpoints.RoomPath(meeting.Id);
                await WriteAsync(context, StatusCodes.Status200OK, meeting).ConfigureAwait(false);
                return;
            case CreateMeetingStatus.Draining:
                await ApiProblems.UnavailableAsync(context, "This node is draining and takes no new rooms; create the room on another node.").ConfigureAwait(false);
                return;
            default:
                await ApiProblems.UnavailableAsync(context, "This node has its maximum number of rooms; create the room on another node or end a room first.").ConfigureAwait(false);
                return;
        }
    }

    public static async Task ListAsync(HttpContext context)
    {
        var claims = await ApiCaller.AuthorizeAsync(context, room: null, AccessTokenGrants.Admin).ConfigureAwait(false);
        if (claims is null)
        {
            return;
        }

        var control = context.RequestServices.GetService<IMeetingControl>();
        if (control is null)
        {
            await ApiProblems.NotRunningAsync(context).ConfigureAwait(false);
            return;
        }

        var rooms = new List<RoomResponse>();
        foreach (MeetingInfo meeting in control.ListMeetings())
        {
            // A token for one room sees that room only.
            if (claims.AllowsRoom(meeting.Id))
            {
                rooms.Add(RoomResponse.From(meeting));
            }
        }

        context.Response.Headers.CacheControl = "no-store";
        await TypedResults.Json(rooms.ToArray(), ApiJsonContext.Default.RoomResponseArray).ExecuteAsync(context).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext context)
    {
        string room = ControlApiEndpoints.Room(context);
        var claims = await ApiCaller.AuthorizeAsync(context, room, AccessTokenGrants.Admin | AccessTokenGrants.Publish | AccessTokenGrants.Subscribe).ConfigureAwait(false);
        if (claims is null)
        {
            return;
        }

        var control = context.RequestServices.GetService<IMeetingControl>();
        if (control is null)
        {
            await ApiProblems.NotRunningAsync(context).ConfigureAwait(false);
            return;
        }

        MeetingInfo? meeting = control.GetMeeting(room);
        if (meeting is null)
        {
            await ApiProblems.NotFoundAsync(context, $"There is no room '{room}' on this node; create it with POST /v1/rooms.").ConfigureAwait(false);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await WriteAsync(context, StatusCodes.Status200OK, meeting).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(HttpContext context)
    {
        string room = ControlApiEndpoints.Room(context);
        var claims = await ApiCaller.AuthorizeAsync(context, room, AccessTokenGrants.Admin).ConfigureAwait(false);
        if (claims is null)
        {
            return;
        }

        var control = context.RequestServices.GetService<IMeetingControl>();
        if (control is null)
        {
            await ApiProblems.NotRunningAsync(context).ConfigureAwait(false);
            return;
        }

        if (!await control.EndMeetingAsync(room).ConfigureAwait(false))
        {
            await ApiProblems.NotFoundAsync(context, $"There is no room '{room}' on this node; list rooms with GET /v1/rooms.").ConfigureAwait(false);
            return;
        }

        var logger = ApiLog.For(context);
        ApiLog.RoomEnded(logger, room);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static Task WriteAsync(HttpContext context, int status, MeetingInfo meeting) =>
        TypedResults.Json(RoomResponse.From(meeting), ApiJsonContext.Default.RoomResponse, statusCode: status).ExecuteAsync(context);
}
