using Gateway.E2ee.Meeting;

namespace Gateway.E2ee.Tests.Meeting;

internal static class MeetingAssert
{
    /// <summary>Every agent present has the same epoch, leader and security code, and that code is 8 groups of 5 digits.</summary>
    public static ulong SameEpoch(TestRelay relay)
    {
        MeetingKeyAgent first = relay.Agents.Values.First();
        Assert.NotNull(first.CurrentEpoch);
        Assert.Matches("^[0-9]{5}( [0-9]{5}){7}$", first.SecurityCode);
        foreach (MeetingKeyAgent agent in relay.Agents.Values)
        {
            Assert.True(first.CurrentEpoch == agent.CurrentEpoch, $"{agent.ParticipantId} is at epoch {agent.CurrentEpoch}, {first.ParticipantId} at {first.CurrentEpoch}. Log:{Environment.NewLine}{Describe(relay)}");
            Assert.Equal(first.LeaderId, agent.LeaderId);
            Assert.Equal(first.SecurityCode, agent.SecurityCode);
            Assert.Equal(relay.Agents.Count, agent.CurrentEpochKeys!.SenderIndexes.Count);
        }

        return first.CurrentEpoch!.Value;
    }

    public static string Describe(TestRelay relay) =>
        string.Join(Environment.NewLine, relay.Log.Select(r => $"  {r.From} -> {r.To}: type {r.Body[1]}, {r.Outcome}"));

    /// <summary>No delivery in the log was rejected.</summary>
    public static void NoRejections(TestRelay relay)
    {
        DeliveryRecord? rejected = relay.Log.FirstOrDefault(r => r.Outcome.Status == KeyMessageStatus.Rejected);
        Assert.True(rejected is null, rejected is null ? "" : $"{rejected.From} -> {rejected.To}: {rejected.Outcome}");
    }
}
