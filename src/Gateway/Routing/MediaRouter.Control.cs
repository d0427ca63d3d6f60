using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Gateway.Rtp.Srtp;

namespace Gateway.Routing;

/// <summary>The control plane (<see cref="IMeetingControl"/>): thread-safe; media state changes run on the owning worker.</summary>
public sealed partial class MediaRouter
{
    /// <summary>The largest opaque message relayed.</summary>
    public const int MaxMessageLength = 64 * 1024;

    /// <inheritdoc/>
    public CreateMeetingStatus CreateMeeting(MeetingOptions options, out MeetingInfo? info)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsValidMeetingId(options.Id))
        {
            throw new ArgumentException("A meeting id is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.", nameof(options));
        }

        lock (_createLock)
        {
            if (_meetings.TryGetValue(options.Id, out Meeting? existing))
            {
                info = existing.ToInfo();
                return CreateMeetingStatus.AlreadyExists;
            }

            if (_draining)
            {
                info = null;
                return CreateMeetingStatus.Draining;
            }

            if (_meetings.Count >= _options.MaxMeetings)
            {
                info = null;
                return CreateMeetingStatus.LimitReached;
            }

            int worker = PickWorker();
            var meeting = new Meeting(
                options.Id,
                options.E2ee,
                options.MaxParticipants > 0 ? options.MaxParticipants : _options.DefaultMaxParticipants,
                options.MaxPacketsPerSecondPerParticipant > 0 ? options.MaxPacketsPerSecondPerParticipant : _options.DefaultMaxPacketsPerSecond,
                worker,
                _time.GetUtcNow());
            _meetings[meeting.Id] = meeting;
            _load[worker]++;
            List<Meeting> owned = _workerMeetings[worker];
            _workers.Post(worker, () => owned.Add(meeting));
            info = meeting.ToInfo();
            return CreateMeetingStatus.Created;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<MeetingInfo> ListMeetings()
    {
        var list = new List<MeetingInfo>(_meetings.Count);
        foreach (Meeting meeting in _meetings.Values)
        {
            list.Add(meeting.ToInfo());
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return list;
    }

    /// <inheritdoc/>
    public MeetingInfo? GetMeeting(string meetingId)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        return _meetings.TryGetValue(meetingId, out Meeting? meeting) ? meeting.ToInfo() : null;
    }

    /// <inheritdoc/>
    public Task<bool> EndMeetingAsync(string meetingId)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        Meeting? meeting;
        lock (_createLock)
        {
            if (!_meetings.TryRemove(meetingId, out meeting))
            {
                return Task.FromResult(false);
            }

            _load[meeting.Worker]--;
        }

        Participant[] members;
        lock (meeting.Gate)
        {
            meeting.Ended = true;
            members = [.. meeting.Members.Values];
            meeting.Members.Clear();
            meeting.Ssrcs.Clear();
            MeetingEvent closed = MeetingEvents.ClosedEvent();
            foreach (Participant participant in members)
            {
                participant.Left = true;
                participant.Events.Writer.TryWrite(closed);
                participant.Events.Writer.TryComplete();
            }
        }

        Interlocked.Add(ref _participantCount, -members.Length);
        List<Meeting> owned = _workerMeetings[meeting.Worker];
        return RunOnWorker(meeting.Worker, () =>
        {
            foreach (Participant participant in members)
            {
                Uninstall(participant);
            }

            owned.Remove(meeting);
            return true;
        });
    }

    /// <inheritdoc/>
    public Task<JoinResult> JoinAsync(string meetingId, ParticipantSpec participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        ArgumentNullException.ThrowIfNull(participant);
        cancellationToken.ThrowIfCancellationRequested();
        if (_draining)
        {
            return Task.FromResult(Failed(JoinStatus.Draining, "The node is draining and takes no new participants; join on another node."));
        }

        if (!_meetings.TryGetValue(meetingId, out Meeting? meeting))
        {
            return Task.FromResult(Failed(JoinStatus.NoSuchMeeting, $"There is no meeting '{meetingId}'; create it first."));
        }

        if (meeting.E2ee == E2eePolicy.Required && !participant.E2ee)
        {
            return Task.FromResult(Failed(JoinStatus.E2eeRequired, "This meeting requires end-to-end encryption: declare it (a=e2ee:sframe) and encrypt the media."));
        }

        SrtpProfile profile = participant.Profile;
        int keyLength = profile.MasterKeyLength();
        int saltLength = profile.MasterSaltLength();
        ReadOnlySpan<byte> inboundKey = participant.InboundKeyAndSalt;
        if (inboundKey.Length != keyLength + saltLength)
        {
            throw new ArgumentException($"{profile.SdesName()} takes a {keyLength + saltLength}-byte key and salt.", nameof(participant));
        }

        // The gateway's own key for this participant: fresh randomness, handed to the caller for the answer and
        // otherwise held only inside the SRTP sessions.
        byte[] outboundKey = new byte[keyLength + saltLength];
        RandomNumberGenerator.Fill(outboundKey);
        SrtpSession? inbound = null;
        SrtpSession? outbound = null;
        SrtpSession? retransmit = null;
        Participant? joined = null;
        try
        {
            inbound = SrtpSession.Create(profile, inboundKey[..keyLength], inboundKey[keyLength..]);
            // One stream per SSRC forwarded to this participant: room for everyone's audio, video and RTX. Streams
            // are never removed from an outbound session (re-adding an SSRC would restart its indices: nonce reuse).
            var outboundOptions = new SrtpOptions { MaxStreams = Math.Clamp((meeting.MaxParticipants * 4) + 8, 64, SrtpOptions.MaxStreamsLimit) };
            outbound = SrtpSession.Create(profile, outboundKey.AsSpan(0, keyLength), outboundKey.AsSpan(keyLength), outboundOptions);
            retransmit = SrtpSession.Create(profile, outboundKey.AsSpan(0, keyLength), outboundKey.AsSpan(keyLength), outboundOptions);

            JoinResult? refusal;
            lock (meeting.Gate)
            {
                refusal = CheckJoin(meeting, participant);
                if (refusal is null)
                {
                    string id;
                    do
                    {
                        id = RandomIds.ParticipantId();
                    }
                    while (meeting.Members.ContainsKey(id));

                    uint gatewaySsrc;
                    do
                    {
                        gatewaySsrc = RandomIds.Ssrc();
                    }
                    while (meeting.Ssrcs.Contains(gatewaySsrc));

                    string ufrag;
                    do
                    {
                        ufrag = RandomIds.IceUfrag();
                    }
                    while (_byUfrag.ContainsKey(ufrag));

                    joined = new Participant(meeting, id, participant, inbound, outbound, retransmit, ufrag, RandomIds.IcePassword(), gatewaySsrc, Stopwatch.GetTimestamp());
                    inbound = outbound = retransmit = null;
                    var tracks = new PublishedTrack[participant.Tracks.Count];
                    for (int i = 0; i < tracks.Length; i++)
                    {
                        TrackSpec spec = participant.Tracks[i];
                        tracks[i] = new PublishedTrack(joined, spec, CacheCapacity(spec.Kind));
                        meeting.Ssrcs.Add(spec.Ssrc);
                        if (spec.RtxSsrc is uint rtx)
                        {
                            meeting.Ssrcs.Add(rtx);
                        }
                    }

                    joined.Tracks = tracks;
                    meeting.Members.Add(id, joined);
                    Interlocked.Increment(ref _participantCount);

                    // Everyone else hears of the newcomer now; the newcomer gets the snapshot when it opens its stream.
                    Broadcast(meeting, MeetingEvents.JoinedEvent(joined), joined);
                    if (meeting.E2ee == E2eePolicy.Optional && !joined.E2ee)
                    {
                        Broadcast(meeting, MeetingEvents.UnencryptedEvent(joined), joined);
                    }

                    foreach (PublishedTrack track in tracks)
                    {
                        Broadcast(meeting, MeetingEvents.TrackEvent(track), joined);
                    }
                }
            }

            if (refusal is not null)
            {
                CryptographicOperations.ZeroMemory(outboundKey);
                return Task.FromResult(refusal);
            }

            Participant installed = joined!;
            var result = new JoinResult
            {
                Status = JoinStatus.Joined,
                ParticipantId = installed.Id,
                OutboundKeyAndSalt = outboundKey,
                IceCredentials = (installed.IceUfrag, installed.IcePassword),
            };
            return RunOnWorker(meeting.Worker, () =>
            {
                Install(installed);
                return result;
            });
        }
        catch
        {
            CryptographicOperations.ZeroMemory(outboundKey);
            joined?.Dispose();
            throw;
        }
        finally
        {
            inbound?.Dispose();
            outbound?.Dispose();
            retransmit?.Dispose();
        }
    }

    /// <inheritdoc/>
    public string? GetParticipantIdentity(string meetingId, string participantId)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        ArgumentNullException.ThrowIfNull(participantId);
        if (!_meetings.TryGetValue(meetingId, out Meeting? meeting))
        {
            return null;
        }

        lock (meeting.Gate)
        {
            return meeting.Members.TryGetValue(participantId, out Participant? participant) ? participant.Identity : null;
        }
    }

    /// <inheritdoc/>
    public Task<bool> LeaveAsync(string meetingId, string participantId)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        ArgumentNullException.ThrowIfNull(participantId);
        if (!_meetings.TryGetValue(meetingId, out Meeting? meeting))
        {
            return Task.FromResult(false);
        }

        Participant? participant;
        lock (meeting.Gate)
        {
            if (!meeting.Members.Remove(participantId, out participant))
            {
                return Task.FromResult(false);
            }

            participant.Left = true;
            foreach (PublishedTrack track in participant.Tracks)
            {
                meeting.Ssrcs.Remove(track.OriginalSsrc);
                meeting.Ssrcs.Remove(track.CurrentSsrc); // written under this lock when the publisher restarts
                if (track.RtxSsrc is uint rtx)
                {
                    meeting.Ssrcs.Remove(rtx);
                }
            }

            participant.Events.Writer.TryComplete();
            Broadcast(meeting, MeetingEvents.LeftEvent(participant), null);
        }

        Interlocked.Decrement(ref _participantCount);
        Participant leaving = participant;
        return RunOnWorker(meeting.Worker, () =>
        {
            Uninstall(leaving);
            return true;
        });
    }

    /// <inheritdoc/>
    public ChannelReader<MeetingEvent>? OpenEvents(string meetingId, string participantId)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        ArgumentNullException.ThrowIfNull(participantId);
        if (!_meetings.TryGetValue(meetingId, out Meeting? meeting))
        {
            return null;
        }

        lock (meeting.Gate)
        {
            if (!meeting.Members.TryGetValue(participantId, out Participant? participant))
            {
                return null;
            }

            Channel<MeetingEvent> old = participant.Events;
            Channel<MeetingEvent> events = Participant.NewChannel();
            ChannelWriter<MeetingEvent> writer = events.Writer;

            // The snapshot says who is here and what they publish; of what queued before, only messages are not state.
            foreach (Participant member in meeting.Members.Values)
            {
                writer.TryWrite(MeetingEvents.JoinedEvent(member));
                if (meeting.E2ee == E2eePolicy.Optional && !member.E2ee)
                {
                    writer.TryWrite(MeetingEvents.UnencryptedEvent(member));
                }
            }

            foreach (Participant member in meeting.Members.Values)
            {
                foreach (PublishedTrack track in member.Tracks)
                {
                    if (!track.Ended)
                    {
                        writer.TryWrite(MeetingEvents.TrackEvent(track));
                    }
                }
            }

            while (old.Reader.TryRead(out MeetingEvent? pending))
            {
                if (pending.Type == MeetingEvents.Message)
                {
                    writer.TryWrite(pending);
                }
            }

            old.Writer.TryComplete();
            participant.Events = events;
            return events.Reader;
        }
    }

    /// <inheritdoc/>
    public MessageDelivery SendMessage(string meetingId, string fromParticipantId, string? toParticipantId, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        ArgumentNullException.ThrowIfNull(fromParticipantId);
        if (body.Length > MaxMessageLength)
        {
            return MessageDelivery.TooLarge;
        }

        if (!_meetings.TryGetValue(meetingId, out Meeting? meeting))
        {
            return MessageDelivery.NotFound;
        }

        lock (meeting.Gate)
        {
            if (!meeting.Members.TryGetValue(fromParticipantId, out Participant? sender))
            {
                return MessageDelivery.NotFound;
            }

            MeetingEvent message = MeetingEvents.MessageEvent(fromParticipantId, body.Span);
            if (toParticipantId is null)
            {
                Broadcast(meeting, message, sender);
                return MessageDelivery.Delivered;
            }

            if (!meeting.Members.TryGetValue(toParticipantId, out Participant? recipient) || toParticipantId == fromParticipantId)
            {
                return MessageDelivery.NotFound;
            }

            recipient.Events.Writer.TryWrite(message);
            return MessageDelivery.Delivered;
        }
    }

    /// <inheritdoc/>
    public void StopAccepting() => _draining = true;

    /// <summary>Queues <paramref name="meetingEvent"/> on every member's stream but <paramref name="except"/>'s (caller holds the meeting's lock).</summary>
    internal static void Broadcast(Meeting meeting, MeetingEvent meetingEvent, Participant? except)
    {
        foreach (Participant member in meeting.Members.Values)
        {
            if (!ReferenceEquals(member, except))
            {
                member.Events.Writer.TryWrite(meetingEvent);
            }
        }
    }

    internal static bool IsValidMeetingId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static JoinResult Failed(JoinStatus status, string detail) => new() { Status = status, Detail = detail };

    /// <summary>The join checks under the meeting's lock: null when the participant may join.</summary>
    private static JoinResult? CheckJoin(Meeting meeting, ParticipantSpec participant)
    {
        if (meeting.Ended)
        {
            return Failed(JoinStatus.NoSuchMeeting, $"The meeting '{meeting.Id}' has ended.");
        }

        if (meeting.Members.Count >= meeting.MaxParticipants)
        {
            return Failed(JoinStatus.MeetingFull, $"The meeting has its maximum of {meeting.MaxParticipants} participants; try again when someone leaves.");
        }

        var seen = new HashSet<uint>();
        foreach (TrackSpec track in participant.Tracks)
        {
            if (!seen.Add(track.Ssrc) || meeting.Ssrcs.Contains(track.Ssrc)
                || (track.RtxSsrc is uint rtx && (!seen.Add(rtx) || meeting.Ssrcs.Contains(rtx))))
            {
                return Failed(JoinStatus.SsrcConflict, $"SSRC {track.Ssrc} (or its RTX SSRC) is already used in this meeting; pick new random SSRCs.");
            }
        }

        return null;
    }

    private int CacheCapacity(MediaKind kind)
    {
        // About NackCacheMilliseconds of packets: Opus sends 50 per second, video a few hundred.
        int perSecond = kind == MediaKind.Audio ? 64 : 512;
        int wanted = Math.Max(16, (int)((long)perSecond * _options.NackCacheMilliseconds / 1_000));
        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)wanted);
    }

    private int PickWorker()
    {
        // Least loaded; ties go round robin so an empty node spreads its first meetings.
        int[] load = _load;
        int start = _roundRobin++ % load.Length;
        int best = start;
        for (int i = 1; i < load.Length; i++)
        {
            int candidate = (start + i) % load.Length;
            if (load[candidate] < load[best])
            {
                best = candidate;
            }
        }

        return best;
    }

    private Task<T> RunOnWorker<T>(int worker, Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _workers.Post(worker, () =>
        {
            try
            {
                completion.TrySetResult(work());
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
        });
        return completion.Task;
    }

    /// <summary>Puts a joined participant into the worker's structures: subscriptions both ways, lookups (worker only).</summary>
    private void Install(Participant participant)
    {
        Meeting meeting = participant.Meeting;
        lock (meeting.Gate)
        {
            // Left (or the meeting ended) while the install was queued: nothing to install.
            if (participant.Left)
            {
                participant.Dispose();
                return;
            }
        }

        Participant[] others = meeting.Participants;
        var received = new List<Subscription>(participant.Subscriptions);
        foreach (Participant other in others)
        {
            foreach (PublishedTrack track in other.Tracks)
            {
                if (!track.Ended)
                {
                    var subscription = new Subscription(track, participant);
                    track.Subscriptions = [.. track.Subscriptions, subscription];
                    received.Add(subscription);
                }
            }

            var theirs = new List<Subscription>(other.Subscriptions);
            foreach (PublishedTrack track in participant.Tracks)
            {
                var subscription = new Subscription(track, other);
                track.Subscriptions = [.. track.Subscriptions, subscription];
                theirs.Add(subscription);
            }

            other.Subscriptions = [.. theirs];
        }

        participant.Subscriptions = [.. received];
        meeting.Participants = [.. others, participant];
        participant.Active = true;
        Index(participant);
    }

    /// <summary>Takes a participant out of the worker's structures and frees its sessions and caches (worker only).</summary>
    private void Uninstall(Participant participant)
    {
        if (!participant.Active)
        {
            return;
        }

        participant.Active = false;
        Meeting meeting = participant.Meeting;
        Unindex(participant);
        meeting.Participants = Array.FindAll(meeting.Participants, p => !ReferenceEquals(p, participant));
        foreach (PublishedTrack track in participant.Tracks)
        {
            EndSubscriptions(track);
        }

        foreach (Subscription subscription in participant.Subscriptions)
        {
            subscription.Track.Subscriptions = Array.FindAll(subscription.Track.Subscriptions, s => !ReferenceEquals(s, subscription));
        }

        participant.Subscriptions = [];
        if (ReferenceEquals(meeting.Speaker, participant))
        {
            meeting.Speaker = null;
        }

        participant.Dispose();
    }

    /// <summary>Stops forwarding a track: every subscriber forgets it (worker only).</summary>
    internal static void EndSubscriptions(PublishedTrack track)
    {
        foreach (Subscription subscription in track.Subscriptions)
        {
            Participant subscriber = subscription.Subscriber;
            subscriber.Subscriptions = Array.FindAll(subscriber.Subscriptions, s => !ReferenceEquals(s, subscription));
        }

        track.Subscriptions = [];
    }
}
