using System.Buffers.Binary;
using System.Collections.Concurrent;
using Gateway.Rtp.Demux;
using Gateway.Rtp.Stun;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// The forwarding engine: meetings, participants and their published tracks, one node's worth. The transports
/// run it as their <see cref="IMediaApplication"/> (one <see cref="IMediaHandler"/> per worker, each meeting owned
/// by one worker); the control API drives it as <see cref="IMeetingControl"/>, whose changes run on the owning
/// worker between two batches.
/// </summary>
/// <remarks>
/// Lookups for <see cref="OwnerOf"/> and the handlers are lock-free concurrent dictionaries: by source address
/// (UDP), by framed connection (TCP), by published SSRC (the clear SSRC of SRTP/SRTCP: how a client behind NAT,
/// whose address differs from its offer, is found before it is latched) and by the gateway's ICE ufrag (STUN).
/// Until <see cref="Attach"/> is called (no transports), control work runs on the caller's thread.
/// </remarks>
public sealed partial class MediaRouter : IMediaApplication, IMeetingControl, IDisposable
{
    private readonly RoutingOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Meeting> _meetings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RemoteAddress, Participant> _byAddress = new();
    private readonly ConcurrentDictionary<IFramedConnection, Participant> _byConnection = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<uint, Participant[]> _bySsrc = new();
    private readonly ConcurrentDictionary<string, Participant> _byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Participant>.AlternateLookup<ReadOnlySpan<char>> _byUfragSpan;
    private readonly Lock _createLock = new();
    private IMediaWorkers _workers = InlineMediaWorkers.Instance;
    private List<Meeting>[] _workerMeetings = [[]];
    private int[] _load = [0];
    private int _roundRobin;
    private int _participantCount;
    private volatile bool _draining;

    /// <summary>A router with <paramref name="options"/>; <paramref name="time"/> gives wall-clock time for RTCP sender reports.</summary>
    public MediaRouter(RoutingOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? error = options.Validate();
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(options));
        }

        _options = options;
        _time = time ?? TimeProvider.System;
        _byUfragSpan = _byUfrag.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The settings.</summary>
    public RoutingOptions Options => _options;

    /// <summary>Meetings on this node.</summary>
    public int MeetingCount => _meetings.Count;

    /// <summary>Participants in all meetings on this node.</summary>
    public int ParticipantCount => Volatile.Read(ref _participantCount);

    internal TimeProvider Time => _time;

    /// <inheritdoc/>
    public void Attach(IMediaWorkers workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count < 1)
        {
            throw new ArgumentException("At least one worker.", nameof(workers));
        }

        lock (_createLock)
        {
            var lists = new List<Meeting>[workers.Count];
            var load = new int[workers.Count];
            for (int i = 0; i < lists.Length; i++)
            {
                lists[i] = [];
            }

            // Meetings made before the transports came all live on worker 0.
            foreach (Meeting meeting in _meetings.Values)
            {
                lists[meeting.Worker].Add(meeting);
                load[meeting.Worker]++;
            }

            _workerMeetings = lists;
            _load = load;
            _workers = workers;
        }
    }

    /// <inheritdoc/>
    public IMediaHandler CreateHandler(int worker, MediaCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(worker, _workerMeetings.Length);
        return new RouterHandler(this, worker, counters);
    }

    /// <inheritdoc/>
    public int OwnerOf(ReadOnlySpan<byte> packet, in MediaPath source)
    {
        Participant? participant = FindByPath(source) ?? FindByContent(packet);
        return participant is null ? -1 : participant.Meeting.Worker;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Meeting meeting in _meetings.Values)
        {
            lock (meeting.Gate)
            {
                foreach (Participant participant in meeting.Members.Values)
                {
                    participant.Events.Writer.TryComplete();
                }
            }
        }
    }

    /// <summary>The meetings worker <paramref name="worker"/> owns (that worker's thread only).</summary>
    internal List<Meeting> MeetingsOf(int worker) => _workerMeetings[worker];

    internal Participant? FindByPath(in MediaPath source)
    {
        if (source.Connection is { } connection)
        {
            return _byConnection.TryGetValue(connection, out Participant? byConnection) ? byConnection : null;
        }

        return source.Address.IsSet && _byAddress.TryGetValue(source.Address, out Participant? byAddress) ? byAddress : null;
    }

    /// <summary>A participant that may have sent the packet, by the SSRC in its clear header or its STUN username.</summary>
    internal Participant? FindByContent(ReadOnlySpan<byte> packet)
    {
        switch (PacketClassifier.Classify(packet))
        {
            case MultiplexedPacketKind.Rtp when packet.Length >= 12:
                return FindBySsrc(BinaryPrimitives.ReadUInt32BigEndian(packet[8..]), -1);
            case MultiplexedPacketKind.Rtcp when packet.Length >= 8:
                return FindBySsrc(BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), -1);
            case MultiplexedPacketKind.Stun:
                return FindByStunUsername(packet);
            default:
                return null;
        }
    }

    /// <summary>The participant that published <paramref name="ssrc"/> (on <paramref name="worker"/>, or anywhere for -1).</summary>
    internal Participant? FindBySsrc(uint ssrc, int worker)
    {
        if (!_bySsrc.TryGetValue(ssrc, out Participant[]? candidates))
        {
            return null;
        }

        // SSRCs are unique within a meeting, not across meetings: a rare collision yields several candidates.
        for (int i = 0; i < candidates.Length; i++)
        {
            if (worker < 0 || candidates[i].Meeting.Worker == worker)
            {
                return candidates[i];
            }
        }

        return null;
    }

    /// <summary>The participant whose gateway ufrag starts the STUN USERNAME ("gatewayUfrag:clientUfrag", RFC 8445 §7.2.2).</summary>
    internal Participant? FindByStunUsername(ReadOnlySpan<byte> packet)
    {
        if (!StunMessage.TryParse(packet, out StunMessage message) || !message.TryGetUsername(out ReadOnlySpan<byte> username))
        {
            return null;
        }

        int colon = username.IndexOf((byte)':');
        ReadOnlySpan<byte> ufrag = colon < 0 ? username : username[..colon];
        if (ufrag.IsEmpty || ufrag.Length > 64)
        {
            return null;
        }

        Span<char> chars = stackalloc char[64];
        for (int i = 0; i < ufrag.Length; i++)
        {
            chars[i] = (char)ufrag[i];
        }

        return _byUfragSpan.TryGetValue(chars[..ufrag.Length], out Participant? participant) ? participant : null;
    }

    /// <summary>
    /// Moves the participant's send path to <paramref name="source"/>, where an authenticated packet of its own
    /// came from (worker only; rare, so the dictionary updates may allocate).
    /// </summary>
    internal void Latch(Participant participant, in MediaPath source)
    {
        if (source.Connection is { } connection)
        {
            if (!ReferenceEquals(participant.IndexedConnection, connection))
            {
                UnindexPath(participant);
                _byConnection[connection] = participant;
                participant.IndexedConnection = connection;
            }
        }
        else if (source.Address.IsSet && participant.IndexedAddress != source.Address)
        {
            UnindexPath(participant);

            // The packet authenticated with this participant's key: the address is now its own, whoever had it.
            _byAddress[source.Address] = participant;
            participant.IndexedAddress = source.Address;
        }

        participant.Path = source;
    }

    private void Index(Participant participant)
    {
        MediaPath offered = participant.Path;
        if (offered.Connection is { } connection)
        {
            if (_byConnection.TryAdd(connection, participant))
            {
                participant.IndexedConnection = connection;
            }
        }
        else if (offered.Address.IsSet)
        {
            // The newest claim to an address wins. One source address can belong to only one live client, and
            // the one that just joined is the likelier: a client that vanished without leaving keeps its
            // participant, and it must not swallow the packets of a new client that reuses its port (ffmpeg
            // with a fixed localrtpport). The earlier holder, if it is alive elsewhere, re-latches by its
            // SSRC; its own un-indexing removes the entry only while it still points at it.
            _byAddress[offered.Address] = participant;
            participant.IndexedAddress = offered.Address;
        }

        foreach (PublishedTrack track in participant.Tracks)
        {
            IndexSsrc(track.OriginalSsrc, participant);
            if (track.RtxSsrc is uint rtx)
            {
                IndexSsrc(rtx, participant);
            }
        }

        _byUfrag[participant.IceUfrag] = participant;
    }

    private void Unindex(Participant participant)
    {
        UnindexPath(participant);
        foreach (PublishedTrack track in participant.Tracks)
        {
            UnindexSsrc(track.OriginalSsrc, participant);
            if (track.CurrentSsrc != track.OriginalSsrc)
            {
                UnindexSsrc(track.CurrentSsrc, participant);
            }

            if (track.RtxSsrc is uint rtx)
            {
                UnindexSsrc(rtx, participant);
            }
        }

        _byUfrag.TryRemove(new KeyValuePair<string, Participant>(participant.IceUfrag, participant));
    }

    private void UnindexPath(Participant participant)
    {
        if (participant.IndexedAddress.IsSet)
        {
            _byAddress.TryRemove(new KeyValuePair<RemoteAddress, Participant>(participant.IndexedAddress, participant));
            participant.IndexedAddress = RemoteAddress.None;
        }

        if (participant.IndexedConnection is { } connection)
        {
            _byConnection.TryRemove(new KeyValuePair<IFramedConnection, Participant>(connection, participant));
            participant.IndexedConnection = null;
        }
    }

    internal void IndexSsrc(uint ssrc, Participant participant) =>
        _bySsrc.AddOrUpdate(ssrc, static (_, p) => [p], static (_, existing, p) => [.. existing, p], participant);

    internal void UnindexSsrc(uint ssrc, Participant participant)
    {
        while (_bySsrc.TryGetValue(ssrc, out Participant[]? existing))
        {
            Participant[] remaining = Array.FindAll(existing, p => !ReferenceEquals(p, participant));
            if (remaining.Length == existing.Length)
            {
                return;
            }

            bool done = remaining.Length == 0
                ? _bySsrc.TryRemove(new KeyValuePair<uint, Participant[]>(ssrc, existing))
                : _bySsrc.TryUpdate(ssrc, remaining, existing);
            if (done)
            {
                return;
            }
        }
    }
}
