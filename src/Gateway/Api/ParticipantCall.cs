using Gateway.Auth;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>A call on one participant (…/participants/{id}/…) whose token, router and participant have been checked.</summary>
internal readonly record struct ParticipantCall(string Room, string Participant, AccessTokenClaims Claims, IMeetingControl Control)
{
    /// <summary>
    /// Checks a call on the participant the route names: a valid token for the room, a running router, a participant
    /// that exists and is the caller's own (or, with <paramref name="adminMay"/>, any participant for an admin token).
    /// Null once the 401, 403, 404 or 503 problem has been written.
    /// </summary>
    public static async Task<ParticipantCall?> AuthorizeAsync(HttpContext context, bool adminMay)
    {
        string room = ControlApiEndpoints.Room(context);
        string participant = ControlApiEndpoints.Participant(context);
        var claims = await ApiCaller.AuthorizeAsync(context, room, AccessTokenGrants.None).ConfigureAwait(false);
        if (claims is null)
        {
            return null;
        }

        var control = context.RequestServices.GetService<IMeetingControl>();
        if (control is null)
        {
            await ApiProblems.NotRunningAsync(context).ConfigureAwait(false);
            return null;
        }

        string? identity = control.GetParticipantIdentity(room, participant);
        if (identity is null)
        {
            await ParticipantEndpoints.NoParticipantAsync(context, room, participant).ConfigureAwait(false);
            return null;
        }

        if (identity != claims.Identity && !(adminMay && claims.Grants.HasFlag(AccessTokenGrants.Admin)))
        {
            await ApiCaller.ForbidIdentityAsync(context).ConfigureAwait(false);
            return null;
        }

        return new ParticipantCall(room, participant, claims, control);
    }
}
