using System.Security.Cryptography;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Meeting;

/// <summary>
/// Connects a <see cref="MeetingKeyAgent"/> to an <see cref="SFrameContext"/>: on every new epoch it installs this
/// participant's send key and a receive key for every other sender of the epoch. The previous epoch's receive
/// keys stay for <see cref="E2eeMediaSessionOptions.PreviousEpochGrace"/> (removed by <see cref="Tick"/>, or at
/// the next epoch), so frames sent just before a re-key still decrypt; older epochs' keys are removed at once.
/// </summary>
/// <remarks>
/// The send key switches as soon as the epoch is current here, so a receiver that has not adopted the epoch yet
/// drops those frames (<see cref="SFrameStatus.UnknownKeyId"/>) until it does.
/// Not thread-safe as a whole: key changes (agent calls that raise <see cref="MeetingKeyAgent.EpochChanged"/>,
/// <see cref="Tick"/>) must not run concurrently with <see cref="ProtectFrame"/> or <see cref="UnprotectFrame"/>.
/// <see cref="ProtectFrame"/> and <see cref="UnprotectFrame"/> allocate nothing.
/// </remarks>
public sealed class E2eeMediaSession : IDisposable
{
    private readonly MeetingKeyAgent _agent;
    private readonly SFrameContext _sframe;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;
    private readonly Dictionary<ulong, string> _senders = [];
    private List<ulong> _currentKeyIds = [];
    private List<ulong> _previousKeyIds = [];
    private DateTimeOffset _previousExpiresAt;
    private bool _disposed;

    /// <summary>A session on <paramref name="agent"/> (not owned); installs the agent's current epoch, if any, at once.</summary>
    public E2eeMediaSession(MeetingKeyAgent agent, E2eeMediaSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        options ??= new E2eeMediaSessionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PreviousEpochGrace, TimeSpan.Zero);
        _agent = agent;
        _time = options.TimeProvider ?? throw new ArgumentException("A time provider is required.", nameof(options));
        _grace = options.PreviousEpochGrace;
        _sframe = new SFrameContext(options.Suite, options.ReplayWindow);
        _agent.EpochChanged += OnEpochChanged;
        if (_agent.CurrentEpochKeys is { IsExpired: false } keys)
        {
            OnEpochChanged(keys);
        }
    }

    /// <summary>The epoch whose key protects outgoing frames, or null before the first epoch.</summary>
    public ulong? SendEpoch { get; private set; }

    /// <summary>Bytes a protected frame may add to its plaintext.</summary>
    public int MaxOverhead => _sframe.MaxOverhead;

    /// <summary>Receive keys installed (other senders of the current epoch, plus the previous epoch during its grace).</summary>
    public int ReceiveKeyCount => _sframe.ReceiveKeyCount;

    /// <summary>SFrame-protects a frame with this participant's key of the current epoch (<see cref="SFrameContext.Protect"/>).</summary>
    public SFrameStatus ProtectFrame(ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> frame, Span<byte> destination, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _sframe.Protect(metadata, frame, destination, out written);
    }

    /// <summary>Opens an SFrame ciphertext with the key its KID names (<see cref="SFrameContext.Unprotect"/>).</summary>
    public SFrameStatus UnprotectFrame(ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> sframeCiphertext, Span<byte> destination, out int written, out ulong keyId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _sframe.Unprotect(metadata, sframeCiphertext, destination, out written, out keyId);
    }

    /// <summary>The participant that sends under <paramref name="keyId"/> (current or previous epoch).</summary>
    public bool TryGetSender(ulong keyId, out string? participantId) => _senders.TryGetValue(keyId, out participantId);

    /// <summary>Removes the previous epoch's receive keys once their grace is over. Call periodically.</summary>
    public void Tick()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_previousKeyIds.Count > 0 && _time.GetUtcNow() >= _previousExpiresAt)
        {
            RemoveAll(_previousKeyIds);
        }
    }

    /// <summary>Stops following the agent and wipes every SFrame key.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _agent.EpochChanged -= OnEpochChanged;
        _sframe.Dispose();
        _senders.Clear();
    }

    /// <inheritdoc/>
    public override string ToString() => $"E2eeMediaSession({_agent.ParticipantId}, send epoch {SendEpoch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {ReceiveKeyCount} receive keys)";

    private void OnEpochChanged(EpochKeys keys)
    {
        if (_disposed)
        {
            return;
        }

        // Only one epoch back survives a re-key; anything older goes now.
        RemoveAll(_previousKeyIds);
        (_previousKeyIds, _currentKeyIds) = (_currentKeyIds, _previousKeyIds);
        _previousExpiresAt = _time.GetUtcNow() + _grace;

        Span<byte> baseKey = stackalloc byte[EpochKeys.BaseKeySize];
        try
        {
            foreach (KeyValuePair<string, int> sender in keys.SenderIndexes)
            {
                ulong keyId = keys.KeyIdOf(sender.Value);
                keys.DeriveSenderBaseKey(sender.Value, baseKey);
                if (sender.Value == keys.OwnSenderIndex)
                {
                    _sframe.SetSendKey(keyId, baseKey);
                    continue;
                }

                _sframe.AddReceiveKey(keyId, baseKey);
                _currentKeyIds.Add(keyId);
                _senders[keyId] = sender.Key;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(baseKey);
        }

        SendEpoch = keys.Epoch;
    }

    private void RemoveAll(List<ulong> keyIds)
    {
        foreach (ulong keyId in keyIds)
        {
            _sframe.RemoveReceiveKey(keyId);
            _senders.Remove(keyId);
        }

        keyIds.Clear();
    }
}
