using System.Security.Cryptography;
using Gateway.E2ee.Keys;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Meeting;

/// <summary>
/// One participant's end-to-end key management for one meeting, without transport: the caller feeds it the
/// relay's roster events and the key messages it receives, and sends the <see cref="KeyMessage"/>s it returns.
/// </summary>
/// <remarks>
/// <para>Protocol (after Zoom's E2EE design): each participant announces a signed identity key and a fresh
/// per-meeting X25519 key. The leader — the earliest-joined participant still present — makes a random
/// 32-byte epoch secret on every join, leave and rotation, seals it to every participant's X25519 key in
/// a signed <see cref="KeyEnvelope"/>, and broadcasts a signed <see cref="EpochCommitment"/> (roster with
/// sender indexes, a commitment to the secret) when the epoch starts and as a heartbeat. A participant adopts
/// an epoch only with both, from the current leader, for an epoch greater than its current one, with the
/// secret matching the commitment. Joiners get only the epoch made for them; leavers get none after.</para>
/// <para>Not thread-safe: call it from one thread (or under one lock). <see cref="EpochChanged"/> is raised
/// synchronously inside the call that made the epoch current.</para>
/// </remarks>
public sealed partial class MeetingKeyAgent : IDisposable
{
    private readonly MeetingKeyAgentOptions _options;
    private readonly DeviceIdentity _identity;
    private readonly TimeProvider _time;
    private readonly MeetingKeyPair _exchangeKeys = new();
    private readonly List<string> _roster = [];
    private readonly Dictionary<string, Announcement> _announced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _pinnedIdentityKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _lastAnnouncementTimestamps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<byte[]>> _deferred = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, PendingSecret> _pendingSecrets = [];
    private readonly Dictionary<ulong, EpochCommitment> _pendingCommitments = [];
    private byte[] _ownAnnouncement = [];
    private int _deferredCount;
    private EpochCommitment? _current;
    private EpochKeys? _currentKeys;
    private ulong _highestEpochSeen;
    private DateTimeOffset _epochStartedAt;
    private DateTimeOffset _lastCommitmentSentAt;
    private bool _started;
    private bool _disposed;

    /// <summary>An agent for <see cref="MeetingKeyAgentOptions.ParticipantId"/> in <see cref="MeetingKeyAgentOptions.MeetingId"/>; it makes its meeting X25519 key now.</summary>
    /// <exception cref="ArgumentException">An id is empty or longer than 256 UTF-8 bytes, or an interval is not positive.</exception>
    public MeetingKeyAgent(MeetingKeyAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfBadId(options.MeetingId, nameof(options.MeetingId));
        ThrowIfBadId(options.ParticipantId, nameof(options.ParticipantId));
        ArgumentNullException.ThrowIfNull(options.Identity);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HeartbeatInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RotationInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxDeferredMessages);
        _options = options;
        _identity = options.Identity;
        _time = options.TimeProvider;
    }

    /// <summary>Raised when a new epoch becomes current (made here as leader, or received and verified).</summary>
    public event Action<EpochKeys>? EpochChanged;

    /// <summary>This participant.</summary>
    public string ParticipantId => _options.ParticipantId;

    /// <summary>The meeting.</summary>
    public string MeetingId => _options.MeetingId;

    /// <summary>Whether this participant is the leader (the earliest-joined participant present).</summary>
    public bool IsLeader => _started && LeaderId == _options.ParticipantId;

    /// <summary>The earliest-joined participant present, by the relay's join order; null before <see cref="Start"/>.</summary>
    public string? LeaderId => _started && _roster.Count > 0 ? _roster[0] : null;

    /// <summary>The current epoch, or null before the first one.</summary>
    public ulong? CurrentEpoch => _current?.Epoch;

    /// <summary>The current epoch's keys, or null before the first epoch (for a media session created late).</summary>
    public EpochKeys? CurrentEpochKeys => _currentKeys;

    /// <summary>The meeting security code of the current epoch and its leader, or null before the first epoch.</summary>
    public string? SecurityCode => _currentKeys?.SecurityCode;

    /// <summary>When the current leader's commitment for the current epoch was last accepted (or sent, as leader).</summary>
    public DateTimeOffset? LastLeaderHeartbeat { get; private set; }

    /// <summary>Participants present, in the relay's join order.</summary>
    public IReadOnlyList<string> Roster => _roster.AsReadOnly();

    /// <summary>This participant's meeting key pair (tests forge envelopes with it).</summary>
    internal MeetingKeyPair ExchangeKeyPair => _exchangeKeys;

    /// <summary>The raw X25519 public key of this participant for this meeting.</summary>
    public ReadOnlySpan<byte> ExchangePublicKey => _exchangeKeys.PublicKey;

    /// <summary>
    /// Starts with the relay's roster (this participant included), in join order. Returns the signed announcement
    /// to broadcast and, when this participant leads, the first epoch.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    /// <exception cref="ArgumentException">The roster lacks this participant or names someone twice.</exception>
    public IReadOnlyList<KeyMessage> Start(IReadOnlyList<string> rosterInJoinOrder)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(rosterInJoinOrder);
        if (_started)
        {
            throw new InvalidOperationException("The agent is already started.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in rosterInJoinOrder)
        {
            ThrowIfBadId(id, nameof(rosterInJoinOrder));
            if (!seen.Add(id))
            {
                throw new ArgumentException($"The roster names {id} twice.", nameof(rosterInJoinOrder));
            }
        }

        if (!seen.Contains(_options.ParticipantId))
        {
            throw new ArgumentException("The roster must include this participant.", nameof(rosterInJoinOrder));
        }

        _roster.AddRange(rosterInJoinOrder);
        byte[] nonce = RandomNumberGenerator.GetBytes(ProtocolConstants.NonceSize);
        _ownAnnouncement = Announcement.Create(_identity, MeetingId, ParticipantId, _exchangeKeys.PublicKey, nonce, NowMs());
        Announcement own = Announcement.ParseOwn(_ownAnnouncement);
        _announced[ParticipantId] = own;
        _pinnedIdentityKeys[ParticipantId] = own.IdentityKey;
        _started = true;

        var messages = new List<KeyMessage> { new(null, _ownAnnouncement) };
        RekeyIfNeeded(messages);
        return messages;
    }

    /// <summary>The relay says <paramref name="participantId"/> joined. Returns this participant's announcement for the joiner.</summary>
    public IReadOnlyList<KeyMessage> OnParticipantJoined(string participantId)
    {
        ThrowIfNotStarted();
        ThrowIfBadId(participantId, nameof(participantId));
        if (_roster.Contains(participantId))
        {
            return [];
        }

        _roster.Add(participantId);

        // The joiner needs everyone's announcement; the leader re-keys once the joiner's announcement arrives.
        return [new KeyMessage(participantId, _ownAnnouncement)];
    }

    /// <summary>
    /// The relay says <paramref name="participantId"/> left. Forgets its keys; when this participant leads (or
    /// takes over the lead), starts a new epoch without the leaver and returns its messages.
    /// </summary>
    public IReadOnlyList<KeyMessage> OnParticipantLeft(string participantId)
    {
        ThrowIfNotStarted();
        ArgumentNullException.ThrowIfNull(participantId);
        if (participantId == ParticipantId || !_roster.Remove(participantId))
        {
            return [];
        }

        _announced.Remove(participantId);
        if (_deferred.Remove(participantId, out Queue<byte[]>? held))
        {
            _deferredCount -= held.Count;
        }

        DropPendingFrom(participantId);
        var messages = new List<KeyMessage>();
        RekeyIfNeeded(messages);
        return messages;
    }

    /// <summary>Handles a key message the relay delivered from <paramref name="fromParticipantId"/>.</summary>
    public KeyMessageOutcome OnMessage(string fromParticipantId, ReadOnlySpan<byte> body)
    {
        if (_disposed || !_started)
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.NotStarted);
        }

        if (fromParticipantId is null || fromParticipantId == ParticipantId || !_roster.Contains(fromParticipantId))
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.UnknownSender);
        }

        MessageParseError error = CanonicalReader.PeekType(body, out KeyMessageType type);
        if (error != MessageParseError.None)
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.Malformed, error);
        }

        var messages = new List<KeyMessage>();
        KeyMessageOutcome outcome;
        if (type == KeyMessageType.Announcement)
        {
            outcome = HandleAnnouncement(fromParticipantId, body);
            if (outcome.IsAccepted)
            {
                ProcessDeferred(fromParticipantId, messages);
                RekeyIfNeeded(messages);
            }
        }
        else if (!_announced.ContainsKey(fromParticipantId))
        {
            return Defer(fromParticipantId, body);
        }
        else
        {
            outcome = HandleEpochMessage(fromParticipantId, type, body);
        }

        return messages.Count == 0 || outcome.Status != KeyMessageStatus.Accepted ? outcome : KeyMessageOutcome.Accepted(messages);
    }

    /// <summary>Call periodically (about once a second). As leader: re-keys after <see cref="MeetingKeyAgentOptions.RotationInterval"/>, else re-broadcasts the commitment after <see cref="MeetingKeyAgentOptions.HeartbeatInterval"/>.</summary>
    public IReadOnlyList<KeyMessage> Tick()
    {
        if (_disposed || !_started || !IsLeader)
        {
            return [];
        }

        var messages = new List<KeyMessage>();
        DateTimeOffset now = _time.GetUtcNow();
        if (_current is null || _current.LeaderId != ParticipantId || now - _epochStartedAt >= _options.RotationInterval)
        {
            StartEpoch(messages);
        }
        else if (now - _lastCommitmentSentAt >= _options.HeartbeatInterval)
        {
            SendHeartbeat(messages);
        }

        return messages;
    }

    /// <summary>Disposes the meeting X25519 key and wipes the epoch secret; the identity key is the caller's.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _currentKeys?.Expire();
        foreach (PendingSecret pending in _pendingSecrets.Values)
        {
            CryptographicOperations.ZeroMemory(pending.Secret);
        }

        _pendingSecrets.Clear();
        _pendingCommitments.Clear();
        _deferred.Clear();
        _exchangeKeys.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"MeetingKeyAgent({MeetingId}, {ParticipantId}, epoch {CurrentEpoch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, leader {LeaderId ?? "none"})";

    private ulong NowMs() => (ulong)Math.Max(0, _time.GetUtcNow().ToUnixTimeMilliseconds());

    private void ThrowIfNotStarted()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_started)
        {
            throw new InvalidOperationException("Start the agent first.");
        }
    }

    private static void ThrowIfBadId(string id, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, name);
        if (System.Text.Encoding.UTF8.GetByteCount(id) > ProtocolConstants.MaxIdLength)
        {
            throw new ArgumentException("Ids are at most 256 UTF-8 bytes.", name);
        }
    }

    private KeyMessageOutcome Defer(string from, ReadOnlySpan<byte> body)
    {
        if (_deferredCount >= _options.MaxDeferredMessages)
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.DeferredLimitReached);
        }

        if (!_deferred.TryGetValue(from, out Queue<byte[]>? queue))
        {
            queue = new Queue<byte[]>();
            _deferred.Add(from, queue);
        }

        queue.Enqueue(body.ToArray());
        _deferredCount++;
        return KeyMessageOutcome.Deferred();
    }

    private void ProcessDeferred(string from, List<KeyMessage> messages)
    {
        if (!_deferred.Remove(from, out Queue<byte[]>? queue))
        {
            return;
        }

        _deferredCount -= queue.Count;
        while (queue.TryDequeue(out byte[]? body))
        {
            if (CanonicalReader.PeekType(body, out KeyMessageType type) == MessageParseError.None)
            {
                KeyMessageOutcome outcome = HandleEpochMessage(from, type, body);
                messages.AddRange(outcome.Messages);
            }
        }
    }

    /// <summary>A secret opened from an envelope, waiting for the leader's commitment of the same epoch.</summary>
    private sealed record PendingSecret(string LeaderId, byte[] Secret);
}
