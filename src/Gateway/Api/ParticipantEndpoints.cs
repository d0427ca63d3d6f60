using System.Net;
using System.Security.Cryptography;
using Gateway.Auth;
using Gateway.Routing;
using Gateway.Rtp.Sdp;
using Gateway.Transport;
using Microsoft.Net.Http.Headers;

namespace Gateway.Api;

/// <summary>
/// POST /v1/rooms/{room}/participants (join with an SDP offer, answered with the gateway's SDP) and
/// DELETE /v1/rooms/{room}/participants/{id} (leave). Keys travel in both bodies: neither is logged, every key
/// array is wiped once the answer is written, and the answer is marked no-store.
/// </summary>
internal static class ParticipantEndpoints
{
    public const string SdpMediaType = "application/sdp";

    public static async Task JoinAsync(HttpContext context)
    {
        string room = ControlApiEndpoints.Room(context);
        var claims = await ApiCaller.AuthorizeAsync(context, room, AccessTokenGrants.Publish | AccessTokenGrants.Subscribe).ConfigureAwait(false);
        if (claims is null)
        {
            return;
        }

        if (!IsSdp(context.Request.ContentType))
        {
            await ApiProblems.UnsupportedMediaTypeAsync(context, SdpMediaType + " (the SDP offer)").ConfigureAwait(false);
            return;
        }

        SdpParseResult parsed;
        using (var body = await RequestBody.ReadAsync(context, SdpLimits.Default.MaxBytes).ConfigureAwait(false))
        {
            if (body.TooLarge)
            {
                await ApiProblems.TooLargeAsync(context, SdpLimits.Default.MaxBytes, "SDP offer").ConfigureAwait(false);
                return;
            }

            parsed = SdpParser.Parse(body.Span);
        }

        if (!parsed.Succeeded)
        {
            var logger = ApiLog.For(context);
            ApiLog.BadOffer(logger, claims.Identity, room, parsed.Error);
            await ApiProblems.BadRequestAsync(context, $"The SDP offer does not read: {parsed.Error} Fix the offer and send it again.").ConfigureAwait(false);
            return;
        }

        SdpSessionDescription offer = parsed.Description;
        try
        {
            await JoinAsync(context, room, claims, offer).ConfigureAwait(false);
        }
        finally
        {
            offer.ClearKeys();
        }
    }

    public static async Task LeaveAsync(HttpContext context)
    {
        if (await ParticipantCall.AuthorizeAsync(context, adminMay: true).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        (string room, string participant, IMeetingControl control) = (call.Room, call.Participant, call.Control);

        if (!await control.LeaveAsync(room, participant).ConfigureAwait(false))
        {
            await NoParticipantAsync(context, room, participant).ConfigureAwait(false);
            return;
        }

        var logger = ApiLog.For(context);
        ApiLog.Left(logger, participant, room);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static Task NoParticipantAsync(HttpContext context, string room, string participant) =>
        ApiProblems.NotFoundAsync(context, $"There is no participant '{participant}' in room '{room}'; join again with POST /v1/rooms/{room}/participants.");

    private static async Task JoinAsync(HttpContext context, string room, AccessTokenClaims claims, SdpSessionDescription offer)
    {
        if (!JoinOffer.TryRead(offer, out JoinOffer? join, out string? error))
        {
            var logger = ApiLog.For(context);
            ApiLog.BadOffer(logger, claims.Identity, room, error);
            await ApiProblems.BadRequestAsync(context, $"The SDP offer cannot be used: {error}").ConfigureAwait(false);
            return;
        }

        if (join.Tracks.Count > 0 && !claims.Grants.HasFlag(AccessTokenGrants.Publish))
        {
            await ApiCaller.ForbidAsync(context, AccessTokenGrants.Publish,
                "The offer publishes media (a=ssrc) but the access token has no publish grant; mint one with --grant publish, or offer without a=ssrc to only receive.").ConfigureAwait(false);
            return;
        }

        var control = context.RequestServices.GetService<IMeetingControl>();
        var endpoints = context.RequestServices.GetService<IMediaEndpoints>();
        if (control is null || endpoints is null)
        {
            await ApiProblems.NotRunningAsync(context).ConfigureAwait(false);
            return;
        }

        int port = join.IsTcp ? endpoints.TcpPort : endpoints.UdpPort;
        if (port == 0)
        {
            await ApiProblems.UnavailableAsync(context, join.IsTcp
                ? "This node takes no RTP over TCP (Media TCP port is off); offer RTP/SAVP or RTP/SAVPF over UDP."
                : "The UDP media transport is not listening yet; try again in a moment.").ConfigureAwait(false);
            return;
        }

        var spec = new ParticipantSpec
        {
            Identity = claims.Identity,
            OfferedPath = join.OfferedEndPoint is null ? default : new MediaPath(RemoteAddress.FromEndPoint(join.OfferedEndPoint)),
            Profile = join.Profile,
            InboundKeyAndSalt = join.KeyAndSalt,
            Tracks = join.Tracks,
            E2ee = join.E2ee,
            IceUfrag = join.IceUfrag,
        };

        JoinResult result = await control.JoinAsync(room, spec, context.RequestAborted).ConfigureAwait(false);
        try
        {
            await AnswerAsync(context, room, claims, offer, join, result, endpoints, port).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(spec.InboundKeyAndSalt);
            if (result.OutboundKeyAndSalt is not null)
            {
                CryptographicOperations.ZeroMemory(result.OutboundKeyAndSalt);
            }
        }
    }

    private static async Task AnswerAsync(
        HttpContext context, string room, AccessTokenClaims claims, SdpSessionDescription offer, JoinOffer join, JoinResult result, IMediaEndpoints endpoints, int port)
    {
        if (result.Status != JoinStatus.Joined || result.ParticipantId is null || result.OutboundKeyAndSalt is null)
        {
            var refusedLogger = ApiLog.For(context);
            ApiLog.JoinRefused(refusedLogger, claims.Identity, room, result.Status);
            await RefuseAsync(context, room, result).ConfigureAwait(false);
            return;
        }

        var answer = SdpAnswerBuilder.Create(offer, new SdpAnswerOptions
        {
            Address = AnswerAddress(context, endpoints),
            Port = port,
            Profile = join.Profile,
            KeyAndSalt = result.OutboundKeyAndSalt,
            SessionId = (ulong)Random.Shared.NextInt64(1, long.MaxValue),
            IceLite = true,
            IceUfrag = result.IceCredentials?.Ufrag,
            IcePassword = result.IceCredentials?.Password,
        });

        var logger = ApiLog.For(context);
        ApiLog.Joined(logger, claims.Identity, room, result.ParticipantId, join.Tracks.Count, join.Profile, join.IsTcp);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = SdpMediaType;
        context.Response.Headers.Location = ControlApiEndpoints.ParticipantPath(room, result.ParticipantId);
        // The answer holds the gateway's key for this participant: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(SdpWriter.Write(answer), context.RequestAborted).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, string room, JoinResult result)
    {
        string why = string.IsNullOrEmpty(result.Detail) ? "" : $" ({result.Detail})";
        return result.Status switch
        {
            JoinStatus.NoSuchMeeting => ApiProblems.NotFoundAsync(context, $"There is no room '{room}' on this node{why}; create it with POST /v1/rooms first."),
            JoinStatus.MeetingFull => ApiProblems.ConflictAsync(context, $"Room '{room}' is full{why}; try again when someone leaves, or raise maxParticipants."),
            JoinStatus.SsrcConflict => ApiProblems.ConflictAsync(context, $"An SSRC of the offer is already used in room '{room}'{why}; pick new random SSRCs and offer again."),
            JoinStatus.E2eeRequired => ApiProblems.ForbiddenAsync(context, $"Room '{room}' requires end-to-end encryption{why}; encrypt the media with SFrame and declare a=e2ee:sframe in the offer."),
            JoinStatus.Draining => ApiProblems.UnavailableAsync(context, $"This node is draining and takes no new participants{why}; join through another node."),
            _ => ApiProblems.UnavailableAsync(context, $"The join did not complete{why}; try again."),
        };
    }

    // Media:AnnouncedAddress, else the address the HTTP request came in on (the client reached us there).
    private static IPAddress AnswerAddress(HttpContext context, IMediaEndpoints endpoints)
    {
        IPAddress? address = endpoints.AnnouncedAddress ?? context.Connection.LocalIpAddress;
        if (address is null)
        {
            return IPAddress.Loopback;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        // SDP has no zone index (fe80::1%eth0): the bare address.
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
    }

    private static bool IsSdp(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals(SdpMediaType, StringComparison.OrdinalIgnoreCase);
}
