namespace Gateway.RelayBench.Driver;

/// <summary>One traffic shape: who is in which meeting and who publishes how much.</summary>
internal sealed record Scenario(string Name, string Title, int Meetings, int ParticipantsPerMeeting, bool EveryonePublishes,
    int PayloadSize, double PacketsPerSecond, int BurstPackets)
{
    /// <summary>Publishers in the whole scenario.</summary>
    public int Publishers => EveryonePublishes ? Meetings * ParticipantsPerMeeting : Meetings;

    /// <summary>Forwarded packets per second the rate asks for (every packet to every other participant).</summary>
    public double OfferedForwardRate => Publishers * PacketsPerSecond * (ParticipantsPerMeeting - 1);

    public Scenario WithRateFactor(double factor) => this with { PacketsPerSecond = PacketsPerSecond * factor };
}
