namespace Gateway.Rtp.Stun;

/// <summary>
/// What the session layer needs from one request <see cref="IceLiteResponder.Respond"/> handled: how much
/// response to send, and — for an authenticated request — who asked and whether it nominates the pair.
/// </summary>
public readonly ref struct IceLiteBinding
{
    internal IceLiteBinding(int responseLength, ReadOnlySpan<byte> remoteUfrag, bool useCandidate, uint priority)
    {
        ResponseLength = responseLength;
        RemoteUfrag = remoteUfrag;
        UseCandidate = useCandidate;
        Priority = priority;
    }

    /// <summary>Bytes of response written at the start of the response buffer; 0 when nothing is to be sent.</summary>
    public int ResponseLength { get; }

    /// <summary>
    /// The peer's ufrag: what follows "localUfrag:" in USERNAME, a slice of the request buffer. Set only when
    /// MESSAGE-INTEGRITY verified (<see cref="IceLiteResult.Responded"/>, UnknownAttributes, RoleConflict);
    /// empty otherwise. The session layer compares it with the ufrag of the remote description.
    /// </summary>
    public ReadOnlySpan<byte> RemoteUfrag { get; }

    /// <summary>
    /// The request carried USE-CANDIDATE: the controlling agent nominates this candidate pair (RFC 8445
    /// §7.3.1.5, §8.1.1). Only set for <see cref="IceLiteResult.Responded"/>.
    /// </summary>
    public bool UseCandidate { get; }

    /// <summary>The request's PRIORITY (RFC 8445 §7.1.1); 0 when absent. Only set for <see cref="IceLiteResult.Responded"/>.</summary>
    public uint Priority { get; }
}
