using Gateway.E2ee.Keys;
using Gateway.E2ee.Meeting;
using Gateway.E2ee.SFrame;

namespace Gateway.Client.Encryption;

/// <summary>
/// The meeting's end-to-end encryption for one participant, both halves the session needs: the key exchange
/// (<see cref="MeetingKeyAgent"/>: signed announcements, a leader that seals each epoch's secret to every participant,
/// re-keys on join and leave) driven through <see cref="IKeyExchange"/>, and SFrame on the media
/// (<see cref="E2eeMediaSession"/>: the epoch's per-sender keys) through <see cref="IFrameEncryption"/>. Give the same
/// instance as both <see cref="Join.JoinRequest.FrameEncryption"/> and <see cref="Join.JoinRequest.KeyExchange"/>.
/// </summary>
/// <remarks>
/// The agent needs the relay's roster in join order and this participant's id, so it starts when the event stream
/// shows this participant's own <c>joined</c> (the room's snapshot lists participants in join order); the
/// participants listed before it are the roster, later ones are joins. Until the first epoch arrives nothing can be
/// sent (<see cref="TryProtect"/> is false) and received frames count as <see cref="FrameDecryptResult.NoKey"/>.
/// One lock serialises everything: the agent and the media session are not thread-safe, and the sender threads,
/// the receive loop and the event loop all call in. Protect and unprotect allocate nothing.
/// </remarks>
public sealed class MeetingE2ee : IKeyExchange, IFrameEncryption, IDisposable
{
    private readonly Lock _sync = new();
    private readonly string _meetingId;
    private readonly DeviceIdentity _identity;
    private readonly E2eeMediaSessionOptions _mediaOptions;
    private readonly Func<string, MeetingKeyAgentOptions>? _agentOptions;
    private readonly List<string> _snapshot = [];
    private readonly HashSet<string> _plain = new(StringComparer.Ordinal);
    private readonly List<(string From, byte[] Body)> _early = [];
    private MeetingKeyAgent? _agent;
    private E2eeMediaSession? _media;
    private string? _self;
    private bool _started;
    private bool _disposed;

    /// <summary>
    /// E2EE in meeting <paramref name="meetingId"/> (the room id) with this device's signing <paramref name="identity"/>
    /// (the caller's; not disposed here). <paramref name="agentOptions"/> may tune the agent (it gets this
    /// participant's id once joined); the meeting id, participant id and identity are set here either way.
    /// </summary>
    public MeetingE2ee(string meetingId, DeviceIdentity identity, E2eeMediaSessionOptions? mediaOptions = null, Func<string, MeetingKeyAgentOptions>? agentOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingId);
        ArgumentNullException.ThrowIfNull(identity);
        _meetingId = meetingId;
        _identity = identity;
        _mediaOptions = mediaOptions ?? new E2eeMediaSessionOptions();
        _agentOptions = agentOptions;
        MaxOverhead = SFrameHeader.MaxLength + 16;
    }

    /// <inheritdoc/>
    public int MaxOverhead { get; }

    /// <summary>The epoch that protects what this participant sends, or null before the first.</summary>
    public ulong? SendEpoch
    {
        get
        {
            lock (_sync)
            {
                return _media?.SendEpoch;
            }
        }
    }

    /// <summary>Receive keys installed (the other senders of the current epoch, and the previous one's during its grace).</summary>
    public int ReceiveKeyCount
    {
        get
        {
            lock (_sync)
            {
                return _media?.ReceiveKeyCount ?? 0;
            }
        }
    }

    /// <summary>The meeting security code every participant can compare (null before the first epoch).</summary>
    public string? SecurityCode
    {
        get
        {
            lock (_sync)
            {
                return _agent?.SecurityCode;
            }
        }
    }

    /// <summary>The current leader's participant id, once started.</summary>
    public string? LeaderId
    {
        get
        {
            lock (_sync)
            {
                return _agent?.LeaderId;
            }
        }
    }

    /// <inheritdoc/>
    public void OnJoined(string selfParticipantId, ICollection<KeyExchangeMessage> outgoing)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _self = selfParticipantId;
            MeetingKeyAgentOptions tuned = _agentOptions?.Invoke(selfParticipantId) ?? new MeetingKeyAgentOptions
            {
                MeetingId = _meetingId,
                ParticipantId = selfParticipantId,
                Identity = _identity,
            };
            _agent = new MeetingKeyAgent(new MeetingKeyAgentOptions
            {
                MeetingId = _meetingId,
                ParticipantId = selfParticipantId,
                Identity = _identity,
                TimeProvider = tuned.TimeProvider,
                HeartbeatInterval = tuned.HeartbeatInterval,
                RotationInterval = tuned.RotationInterval,
                MaxDeferredMessages = tuned.MaxDeferredMessages,
            });
            _media = new E2eeMediaSession(_agent, _mediaOptions);
            _agent.EpochChanged += OnEpochChanged;
        }
    }

    /// <summary>
    /// A new epoch protects this participant's media: its number, leader, security code (show it: participants compare
    /// it out of band) and sender indexes. Raised under the instance's lock on the thread that delivered the key
    /// message; a handler must be quick and must not call back into this instance.
    /// </summary>
    public event Action<EpochKeys>? EpochChanged;

    /// <inheritdoc/>
    public void OnParticipantJoined(string participantId, string identity, bool e2ee, ICollection<KeyExchangeMessage> outgoing)
    {
        lock (_sync)
        {
            if (_agent is null || _disposed)
            {
                return;
            }

            // A participant without E2EE (an optional room) holds no key and sends no announcement: it is not part of
            // the key exchange, or the leader would wait for it; its plain frames bypass SFrame at the receiver.
            if (!e2ee && participantId != _self)
            {
                _plain.Add(participantId);
                return;
            }

            if (!_started)
            {
                if (!_snapshot.Contains(participantId))
                {
                    _snapshot.Add(participantId);
                }

                if (participantId == _self)
                {
                    Add(_agent.Start(_snapshot), outgoing);
                    _started = true;
                    foreach ((string from, byte[] body) in _early)
                    {
                        Handle(from, body, outgoing);
                    }

                    _early.Clear();
                }

                return;
            }

            Add(_agent.OnParticipantJoined(participantId), outgoing);
        }
    }

    /// <inheritdoc/>
    public void OnParticipantLeft(string participantId, ICollection<KeyExchangeMessage> outgoing)
    {
        lock (_sync)
        {
            if (_agent is null || _disposed || _plain.Remove(participantId))
            {
                return;
            }

            if (!_started)
            {
                _snapshot.Remove(participantId);
                return;
            }

            Add(_agent.OnParticipantLeft(participantId), outgoing);
        }
    }

    /// <inheritdoc/>
    public bool TryHandleMessage(string from, ReadOnlySpan<byte> body, ICollection<KeyExchangeMessage> outgoing)
    {
        lock (_sync)
        {
            if (_agent is null || _disposed)
            {
                return false;
            }

            if (!_started)
            {
                // Before this participant's own joined event nothing can be checked: keep it for after the start.
                _early.Add((from, body.ToArray()));
                return true;
            }

            return Handle(from, body, outgoing);
        }
    }

    /// <inheritdoc/>
    public void OnTick(ICollection<KeyExchangeMessage> outgoing)
    {
        lock (_sync)
        {
            if (_agent is null || _disposed || !_started)
            {
                return;
            }

            Add(_agent.Tick(), outgoing);
            _media!.Tick();
        }
    }

    /// <inheritdoc/>
    public bool TryProtect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written)
    {
        lock (_sync)
        {
            if (_media is null || _disposed)
            {
                written = 0;
                return false;
            }

            return _media.ProtectFrame(default, frame, destination, out written) == SFrameStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public FrameDecryptResult TryUnprotect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written)
    {
        SFrameStatus status;
        lock (_sync)
        {
            if (_media is null || _disposed)
            {
                written = 0;
                return FrameDecryptResult.NoKey;
            }

            status = _media.UnprotectFrame(default, frame, destination, out written, out _);
        }

        return SFrameFrameEncryption.Map(status);
    }

    /// <summary>Wipes every key (the device identity is the caller's).</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _media?.Dispose();
            _agent?.Dispose();
        }
    }

    private void OnEpochChanged(EpochKeys keys) => EpochChanged?.Invoke(keys);

    private static void Add(IReadOnlyList<KeyMessage> messages, ICollection<KeyExchangeMessage> outgoing)
    {
        foreach (KeyMessage message in messages)
        {
            outgoing.Add(new KeyExchangeMessage(message.To, message.Body));
        }
    }

    private bool Handle(string from, ReadOnlySpan<byte> body, ICollection<KeyExchangeMessage> outgoing)
    {
        KeyMessageOutcome outcome = _agent!.OnMessage(from, body);

        // Malformed: not a key message at all (an application message on the same channel).
        if (outcome.Status == KeyMessageStatus.Rejected && outcome.Rejection == KeyMessageRejection.Malformed)
        {
            return false;
        }

        Add(outcome.Messages, outgoing);
        return true;
    }
}
