namespace Gateway.Client.Encryption;

/// <summary>
/// The meeting key exchange (for example a leader sealing the meeting key to each participant), driven by the
/// session: roster changes from the event stream and opaque messages in, messages to send out. The session makes one
/// call at a time (from its event loop, and its once-a-second tick) and sends what each call adds to <c>outgoing</c>.
/// </summary>
public interface IKeyExchange
{
    /// <summary>This participant joined as <paramref name="selfParticipantId"/>.</summary>
    void OnJoined(string selfParticipantId, ICollection<KeyExchangeMessage> outgoing);

    /// <summary>
    /// A participant is in the room: one call per <c>joined</c> event, in stream order — first the room's snapshot in
    /// join order (this participant itself included), then joins as they happen.
    /// </summary>
    void OnParticipantJoined(string participantId, string identity, bool e2ee, ICollection<KeyExchangeMessage> outgoing);

    /// <summary>A participant left.</summary>
    void OnParticipantLeft(string participantId, ICollection<KeyExchangeMessage> outgoing);

    /// <summary>A message arrived; true when it was a key-exchange message (it is then not shown to the application).</summary>
    bool TryHandleMessage(string from, ReadOnlySpan<byte> body, ICollection<KeyExchangeMessage> outgoing);

    /// <summary>About once a second, for rotation and heartbeats.</summary>
    void OnTick(ICollection<KeyExchangeMessage> outgoing);
}
