using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Events;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Rtp.Srtp;

namespace Gateway.Client;

/// <summary>
/// One participant in a room, from join to leave: its media socket and SRTP keys, its publishers
/// (<see cref="Audio"/>, <see cref="Video"/>), the remote tracks it receives, its event stream and messages, and
/// its statistics. Made by <see cref="GatewayClient.JoinAsync"/>; disposing it leaves the room (best effort) and
/// closes the socket.
/// </summary>
/// <remarks>
/// The event stream is read on a background task from the join on: it maps SSRCs to participants, drives the
/// <see cref="JoinRequest.KeyExchange"/>, and queues the events for <see cref="ReadEventsAsync"/> (the newest
/// <see cref="EventQueueCapacity"/>; older unread ones are dropped and counted in <see cref="EventsDropped"/>).
/// The stream is not reopened: when it ends before the room closed, <see cref="ReadEventsAsync"/> throws a
/// <see cref="GatewayProtocolException"/> that says so.
/// </remarks>
public sealed class MeetingSession : IAsyncDisposable
{
    /// <summary>Events kept for <see cref="ReadEventsAsync"/> before the oldest unread ones are dropped.</summary>
    public const int EventQueueCapacity = 4096;

    private readonly GatewayClient _client;
    private readonly string _token;
    private readonly string _participantPath;
    private readonly JoinRequest _request;
    private readonly MediaTransport _transport;
    private readonly MediaReceiver _receiver;
    private readonly Channel<MeetingEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _rosterLock = new();
    private readonly Lock _keyLock = new();
    private readonly Dictionary<string, string> _roster = new(StringComparer.Ordinal);

    // Participants that joined without E2EE (optional rooms): their frames are not SFrame-protected.
    private readonly HashSet<string> _plain = new(StringComparer.Ordinal);
    private Task? _eventPump;
    private Task? _keyTicker;
    private long _eventsDropped;
    private long _keyMessagesFailed;
    private int _left;
    private int _disposed;

    internal MeetingSession(GatewayClient client, string room, string token, string participantPath, string participantId, JoinRequest request, MediaTransport transport)
    {
        _client = client;
        _token = token;
        _participantPath = participantPath;
        _request = request;
        _transport = transport;
        Room = room;
        ParticipantId = participantId;
        IFrameEncryption? encryption = request.E2ee ? request.FrameEncryption : null;
        Statistics = new SessionStatistics(TrackStatistics);
        transport.Statistics = Statistics;
        _receiver = new MediaReceiver(transport, new ReceiveContext
        {
            Statistics = Statistics,
            Encryption = encryption,
            CaptureTimestamps = request.CaptureTimestamps,
            JitterBufferFrames = request.JitterBufferFrames,
            DecodeAudio = request.DecodeAudio,
            DecodedAudioSsrcs = request.DecodedAudioSsrcs,
            AudioSink = request.AudioSink,
        });
        if (request.AudioSsrc is uint audio)
        {
            Audio = new AudioPublisher(audio, request.OpusBitrate, transport, Statistics, encryption, request.CaptureTimestamps);
        }

        if (request.VideoSsrc is uint video)
        {
            Video = new VideoPublisher(video, transport, Statistics, encryption, request.CaptureTimestamps);
        }

        _events = Channel.CreateBounded<MeetingEvent>(
            new BoundedChannelOptions(EventQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true },
            _ => Interlocked.Increment(ref _eventsDropped));
    }

    /// <summary>The room id.</summary>
    public string Room { get; }

    /// <summary>This participant's id in the room (the last segment of its Location).</summary>
    public string ParticipantId { get; }

    /// <summary>The participant's resource path, <c>/v1/rooms/{room}/participants/{id}</c>.</summary>
    public string ParticipantPath => _participantPath;

    /// <summary>The local address of the participant's UDP socket (what the offer named).</summary>
    public IPEndPoint LocalEndpoint => _transport.LocalEndpoint;

    /// <summary>The gateway's media address from the answer: where this participant sends.</summary>
    public IPEndPoint GatewayEndpoint => _transport.GatewayEndpoint!;

    /// <summary>The SRTP suite of both directions.</summary>
    public SrtpProfile SrtpSuite => _request.SrtpSuite;

    /// <summary>Whether this participant's media is end-to-end encrypted.</summary>
    public bool E2ee => _request.E2ee;

    /// <summary>The audio publisher; null when the join published no audio.</summary>
    public AudioPublisher? Audio { get; }

    /// <summary>The video publisher; null when the join published no video.</summary>
    public VideoPublisher? Video { get; }

    /// <summary>The media counters.</summary>
    public SessionStatistics Statistics { get; }

    /// <summary>The remote tracks received or announced so far.</summary>
    public IReadOnlyCollection<RemoteTrack> RemoteTracks => [.. _receiver.Tracks];

    /// <summary>The other participants in the room now (id → identity), from the event stream.</summary>
    public IReadOnlyDictionary<string, string> Participants
    {
        get
        {
            lock (_rosterLock)
            {
                return new Dictionary<string, string>(_roster, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Events dropped because nobody read them (see <see cref="EventQueueCapacity"/>).</summary>
    public long EventsDropped => Interlocked.Read(ref _eventsDropped);

    /// <summary>Key-exchange messages the gateway did not accept.</summary>
    public long KeyMessagesFailed => Interlocked.Read(ref _keyMessagesFailed);

    /// <summary>The remote track of <paramref name="ssrc"/>, if this session knows it.</summary>
    public bool TryGetRemoteTrack(uint ssrc, out RemoteTrack track) => _receiver.TryGetTrack(ssrc, out track);

    /// <summary>
    /// The participant's events in order, from the room as it was at the join on. Ends after <see cref="RoomClosedEvent"/>
    /// or when <paramref name="cancellationToken"/> fires; throws <see cref="GatewayProtocolException"/> when the stream
    /// broke off before the room closed, and <see cref="InvalidOperationException"/> when the join did not open events.
    /// </summary>
    public async IAsyncEnumerable<MeetingEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_eventPump is null)
        {
            throw new InvalidOperationException("this session was joined with OpenEvents = false.");
        }

        while (await _events.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_events.Reader.TryRead(out MeetingEvent? meetingEvent))
            {
                yield return meetingEvent;
            }
        }
    }

    /// <summary>Sends <paramref name="body"/> (at most 64 KiB of opaque bytes) to participant <paramref name="to"/>, or to everyone else when null.</summary>
    public async Task SendMessageAsync(ReadOnlyMemory<byte> body, string? to = null, CancellationToken cancellationToken = default)
    {
        string path = _participantPath + "/messages" + (to is null ? "" : "?to=" + Uri.EscapeDataString(to));
        using var request = GatewayClient.Request(HttpMethod.Post, path, _token);
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = new("application/octet-stream");
        using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves the room (DELETE of the participant) and stops the media. Leaving twice, or after the room ended, is not an error.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            using var request = GatewayClient.Request(HttpMethod.Delete, _participantPath, _token);
            try
            {
                using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (GatewayApiException ex) when (ex.Status == HttpStatusCode.NotFound)
            {
                // Gone already: removed by an admin, or the room ended.
            }
        }

        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Leaves (best effort: errors are swallowed) and releases the socket, keys and event stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await LeaveAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GatewayApiException or GatewayUnreachableException or OperationCanceledException or ObjectDisposedException)
        {
            // Disposing must not throw; the gateway drops a silent participant on its own.
        }

        await StopAsync().ConfigureAwait(false);
        Audio?.Dispose();
        _stop.Dispose();
    }

    /// <summary>Opens the event stream (its errors surface from the join) and starts the media.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_request.OpenEvents)
        {
            using var request = GatewayClient.Request(HttpMethod.Get, _participantPath + "/events", _token);
            HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            _eventPump = Task.Run(() => PumpEventsAsync(response, _stop.Token), CancellationToken.None);
        }

        _receiver.Start();
    }

    private IEnumerable<RemoteTrackStatistics> TrackStatistics()
    {
        foreach (RemoteTrack track in _receiver.Tracks)
        {
            yield return track.Statistics;
        }
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            try
            {
                await _stop.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }

        _transport.Close();
        await _receiver.StopAsync().ConfigureAwait(false);
        _transport.Dispose();
        if (_eventPump is not null)
        {
            await _eventPump.ConfigureAwait(false);
        }

        if (_keyTicker is not null)
        {
            await _keyTicker.ConfigureAwait(false);
        }
    }

    /// <summary>Ticks the key exchange once a second (rotation, leader heartbeats) and sends what it says.</summary>
    private async Task TickKeysAsync(IKeyExchange keys, CancellationToken cancellationToken)
    {
        var outgoing = new List<KeyExchangeMessage>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_keyLock)
                {
                    keys.OnTick(outgoing);
                }

                await SendKeyMessagesAsync(outgoing, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The session is ending.
        }
    }

    private async Task PumpEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        bool closed = false;
        var outgoing = new List<KeyExchangeMessage>();
        IKeyExchange? keys = _request.KeyExchange;
        try
        {
            using (response)
            {
                if (keys is not null)
                {
                    lock (_keyLock)
                    {
                        keys.OnJoined(ParticipantId, outgoing);
                    }

                    await SendKeyMessagesAsync(outgoing, cancellationToken).ConfigureAwait(false);
                    _keyTicker = Task.Run(() => TickKeysAsync(keys, cancellationToken), CancellationToken.None);
                }

                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
                var parser = new ServerSentEventParser();
                while (!closed && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (!parser.TryFeed(line, out string type, out string data)
                        || !MeetingEventParser.TryParse(type, data, out MeetingEvent? meetingEvent))
                    {
                        continue;
                    }

                    closed = meetingEvent is RoomClosedEvent;
                    if (Apply(meetingEvent!, keys, outgoing))
                    {
                        _events.Writer.TryWrite(meetingEvent!);
                    }

                    await SendKeyMessagesAsync(outgoing, cancellationToken).ConfigureAwait(false);
                }
            }

            if (!closed && !cancellationToken.IsCancellationRequested)
            {
                failure = new GatewayProtocolException(
                    $"the event stream of participant {ParticipantId} in room {Room} ended before the room closed: the node stopped, "
                    + "the participant was removed, or another stream for it replaced this one. This client does not reconnect.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session is ending.
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                failure = new GatewayProtocolException(
                    $"the event stream of participant {ParticipantId} in room {Room} broke off: {ex.Message}. This client does not reconnect.", ex);
            }
        }

        _events.Writer.TryComplete(failure);
    }

    /// <summary>Updates the roster, the SSRC map and the key exchange; false when the event is the key exchange's own (not for the application).</summary>
    private bool Apply(MeetingEvent meetingEvent, IKeyExchange? keys, List<KeyExchangeMessage> outgoing)
    {
        switch (meetingEvent)
        {
            case ParticipantJoinedEvent joined:
                // Keys first: once the roster shows a participant, its frames can be decrypted.
                if (keys is not null)
                {
                    lock (_keyLock)
                    {
                        keys.OnParticipantJoined(joined.ParticipantId, joined.Identity, joined.E2ee, outgoing);
                    }
                }

                if (joined.ParticipantId != ParticipantId)
                {
                    lock (_rosterLock)
                    {
                        _roster[joined.ParticipantId] = joined.Identity;
                        if (!joined.E2ee)
                        {
                            _plain.Add(joined.ParticipantId);
                        }
                    }
                }

                break;
            case ParticipantLeftEvent left:
                lock (_rosterLock)
                {
                    _roster.Remove(left.ParticipantId);
                    _plain.Remove(left.ParticipantId);
                }

                if (keys is not null)
                {
                    lock (_keyLock)
                    {
                        keys.OnParticipantLeft(left.ParticipantId, outgoing);
                    }
                }

                break;
            case TrackEvent track when track.ParticipantId != ParticipantId:
                RemoteTrack remote = _receiver.GetOrAddTrack(track.Ssrc, track.Kind);
                remote.ParticipantId = track.ParticipantId;
                lock (_rosterLock)
                {
                    remote.EndToEndEncrypted = !_plain.Contains(track.ParticipantId);
                }

                break;
            case MessageEvent message when keys is not null:
                lock (_keyLock)
                {
                    return !keys.TryHandleMessage(message.From, message.Body.Span, outgoing);
                }

            default:
                break;
        }

        return true;
    }

    private async Task SendKeyMessagesAsync(List<KeyExchangeMessage> outgoing, CancellationToken cancellationToken)
    {
        foreach (KeyExchangeMessage message in outgoing)
        {
            try
            {
                await SendMessageAsync(message.Body, message.To, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is GatewayApiException or GatewayUnreachableException)
            {
                Interlocked.Increment(ref _keyMessagesFailed);
            }
        }

        outgoing.Clear();
    }
}
