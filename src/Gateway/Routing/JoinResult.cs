namespace Gateway.Routing;

/// <summary>
/// The outcome of a join: on success the participant's id and the gateway's own SRTP master key and salt
/// for the media it sends to this participant (goes into the answer's a=crypto, then is wiped by the caller).
/// </summary>
public sealed class JoinResult
{
    /// <summary>The outcome.</summary>
    public required JoinStatus Status { get; init; }

    /// <summary>The new participant's id (unique in the meeting), or null on failure.</summary>
    public string? ParticipantId { get; init; }

    /// <summary>The gateway's master key followed by salt for packets to this participant, or null on failure.</summary>
    public byte[]? OutboundKeyAndSalt { get; init; }

    /// <summary>The ICE-lite credentials the gateway answers STUN with for this participant (ufrag, pwd), or null.</summary>
    public (string Ufrag, string Password)? IceCredentials { get; init; }

    /// <summary>A one-line explanation for a failure (for problem details).</summary>
    public string? Detail { get; init; }
}
