namespace Gateway.E2ee.Meeting;

/// <summary>A key-management message for the relay to carry as opaque bytes.</summary>
/// <param name="To">The participant to send it to, or null for everyone else in the meeting.</param>
/// <param name="Body">The canonical, signed message bytes.</param>
public sealed record KeyMessage(string? To, byte[] Body)
{
    /// <summary>Whether the message goes to every other participant.</summary>
    public bool IsBroadcast => To is null;

    /// <inheritdoc/>
    public override string ToString() => $"KeyMessage(to {To ?? "everyone"}, {Body.Length} bytes)";
}
