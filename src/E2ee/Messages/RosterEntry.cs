namespace Gateway.E2ee.Messages;

/// <summary>One participant of an epoch as the leader saw it: who, on which device, with which keys, sending under which index.</summary>
internal sealed record RosterEntry(string ParticipantId, string DeviceId, ushort SenderIndex, byte[] IdentityKey, byte[] ExchangeKey)
{
    /// <inheritdoc/>
    public override string ToString() => $"RosterEntry({ParticipantId}, {DeviceId}, index {SenderIndex})";
}
