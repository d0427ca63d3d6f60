using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>
/// GET /v1/rooms/{room}/participants/{id}/events: the participant's events as server-sent events (HTML Living
/// Standard §9.2): <c>event: &lt;type&gt;\ndata: &lt;json&gt;\n\n</c>, flushed one by one, and a <c>: keep-alive</c>
/// comment every <see cref="KeepAliveKey"/> seconds (15) so proxies keep the stream open. Ends after "closed", when the
/// router completes the stream (a newer stream took over), when the client goes away, or when the node stops.
/// </summary>
internal static class EventStreamEndpoint
{
    /// <summary>Configuration key of the keep-alive interval in seconds (default 15).</summary>
    public const string KeepAliveKey = "Api:EventKeepAliveSeconds";

    public const string ClosedEvent = "closed";

    private static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(15);
    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");
    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes("event: ");
    private static readonly byte[] DataPrefix = Encoding.UTF8.GetBytes("\ndata: ");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");

    public static async Task StreamAsync(HttpContext context)
    {
        if (await ParticipantCall.AuthorizeAsync(context, adminMay: false).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        (string room, string participant, IMeetingControl control) = (call.Room, call.Participant, call.Control);

        ChannelReader<MeetingEvent>? reader = control.OpenEvents(room, participant);
        if (reader is null)
        {
            await ParticipantEndpoints.NoParticipantAsync(context, room, participant).ConfigureAwait(false);
            return;
        }

        var lifetime = context.RequestServices.GetRequiredService<IHostApplicationLifetime>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await PumpAsync(context, reader, KeepAliveInterval(context), stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the node is stopping: the stream simply ends.
        }
    }

    private static async Task PumpAsync(HttpContext context, ChannelReader<MeetingEvent> reader, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        // Tells nginx-style proxies not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        var body = response.BodyWriter;
        if ((await body.FlushAsync(cancellationToken).ConfigureAwait(false)).IsCompleted)
        {
            return;
        }

        using var timer = new PeriodicTimer(keepAlive);
        using var json = new Utf8JsonWriter(body);
        Task<bool>? data = null;
        Task<bool>? tick = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (reader.TryRead(out MeetingEvent? meetingEvent))
            {
                if (!IsEventName(meetingEvent.Type))
                {
                    continue;
                }

                body.Write(EventPrefix);
                body.Write(Encoding.UTF8.GetBytes(meetingEvent.Type));
                body.Write(DataPrefix);
                json.Reset(body);
                MeetingEventJson.Write(json, meetingEvent.Data);
                json.Flush();
                body.Write(EventEnd);
                if ((await body.FlushAsync(cancellationToken).ConfigureAwait(false)).IsCompleted || meetingEvent.Type == ClosedEvent)
                {
                    return;
                }
            }

            data ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
            await Task.WhenAny(data, tick).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (data.IsCompleted)
            {
                if (!data.IsCompletedSuccessfully || !data.Result)
                {
                    return; // the router completed the stream: the participant is gone or a newer stream took over
                }

                data = null;
            }

            if (tick.IsCompleted)
            {
                tick = null;
                body.Write(KeepAlive);
                if ((await body.FlushAsync(cancellationToken).ConfigureAwait(false)).IsCompleted)
                {
                    return;
                }
            }
        }
    }

    // An SSE field value cannot hold a line break; the router's types are plain words.
    private static bool IsEventName(string type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return false;
        }

        foreach (char c in type)
        {
            if (c is '\r' or '\n')
            {
                return false;
            }
        }

        return true;
    }

    private static TimeSpan KeepAliveInterval(HttpContext context)
    {
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        return double.TryParse(configuration[KeepAliveKey], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
            && seconds is >= 0.05 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : DefaultKeepAlive;
    }
}
