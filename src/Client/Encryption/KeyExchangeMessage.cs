namespace Gateway.Client.Encryption;

/// <summary>An opaque key-exchange message to send through the gateway's message channel.</summary>
/// <param name="To">The recipient participant id; null: every other participant.</param>
/// <param name="Body">The bytes (at most 64 KiB).</param>
public readonly record struct KeyExchangeMessage(string? To, byte[] Body);
