namespace Gateway.Transport;

/// <summary>
/// What a send queue remembers for one destination between commits of the same flush: the group (the run of
/// packets to that address) its last packet joined. A caller that sends many packets to one destination in a flush
/// (the router, one per subscriber per forwarded packet) keeps one per destination and passes it to
/// <see cref="IMediaSink.Commit(int, in MediaPath, long, ref SendGroupHint)"/>, so the queue finds the group without
/// hashing the address. Opaque to the caller; a stale hint (an older flush, another address) is simply not used.
/// </summary>
public struct SendGroupHint
{
    /// <summary>The flush the group belongs to (0: none).</summary>
    internal long Flush;

    /// <summary>The group's index in that flush.</summary>
    internal int Group;

    /// <summary>The destination the group sends to.</summary>
    internal RemoteAddress Address;
}
