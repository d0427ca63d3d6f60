using Gateway.Routing;

namespace Gateway.Api;

/// <summary>
/// POST /v1/rooms/{room}/participants/{id}/messages[?to={otherId}]: relays opaque bytes (E2EE key envelopes) to
/// one participant or to all others as a "message" event. The gateway neither reads nor stores them.
/// </summary>
internal static class MessageEndpoint
{
    public const int MaxBytes = 64 * 1024;

    public static async Task SendAsync(HttpContext context)
    {
        if (await ParticipantCall.AuthorizeAsync(context, adminMay: false).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        (string room, string participant, IMeetingControl control) = (call.Room, call.Participant, call.Control);

        string? to = context.Request.Query["to"];
        if (to is not null && to.Length == 0)
        {
            to = null;
        }

        byte[] message;
        using (var body = await RequestBody.ReadAsync(context, MaxBytes).ConfigureAwait(false))
        {
            if (body.TooLarge)
            {
                await ApiProblems.TooLargeAsync(context, MaxBytes, "message").ConfigureAwait(false);
                return;
            }

            // The router keeps the bytes until every recipient's stream has written them: its own copy.
            message = body.ToArray();
        }

        switch (control.SendMessage(room, participant, to, message))
        {
            case MessageDelivery.Delivered:
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            case MessageDelivery.TooLarge:
                await ApiProblems.TooLargeAsync(context, MaxBytes, "message").ConfigureAwait(false);
                return;
            default:
                await ApiProblems.NotFoundAsync(context, to is null
                    ? $"There is no participant '{participant}' in room '{room}'; join first."
                    : $"There is no participant '{to}' in room '{room}'; check the recipient's id in the joined events.").ConfigureAwait(false);
                return;
        }
    }
}
