namespace Gateway.Routing;

/// <summary>
/// A meeting: its options, the worker that owns it, its participants. Membership decisions (join checks, leave,
/// end, event streams) happen under <see cref="Gate"/> on control threads; the arrays the hot path reads are
/// replaced only on the owning worker.
/// </summary>
internal sealed class Meeting
{
    public Meeting(string id, E2eePolicy e2ee, int maxParticipants, int maxPacketsPerSecond, int worker, DateTimeOffset createdAt)
    {
        Id = id;
        E2ee = e2ee;
        MaxParticipants = maxParticipants;
        MaxPacketsPerSecond = maxPacketsPerSecond;
        Worker = worker;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public E2eePolicy E2ee { get; }

    public int MaxParticipants { get; }

    public int MaxPacketsPerSecond { get; }

    public int Worker { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Guards <see cref="Members"/>, <see cref="Ssrcs"/>, <see cref="Ended"/> and every participant's event stream.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Participants by id (control plane view, includes those whose install is still queued).</summary>
    public OrderedDictionary<string, Participant> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>Every SSRC published in the meeting (media and RTX), for the conflict check.</summary>
    public HashSet<uint> Ssrcs { get; } = [];

    public bool Ended { get; set; }

    /// <summary>The installed participants (worker-owned, replaced as a whole).</summary>
    public Participant[] Participants { get; set; } = [];

    /// <summary>The current active speaker (worker-owned).</summary>
    public Participant? Speaker { get; set; }

    public long NextSpeakerTicks { get; set; }

    public long NextReportTicks { get; set; }

    public MeetingInfo ToInfo()
    {
        int count;
        lock (Gate)
        {
            count = Members.Count;
        }

        return new MeetingInfo(Id, E2ee, MaxParticipants, MaxPacketsPerSecond, count, CreatedAt);
    }
}
