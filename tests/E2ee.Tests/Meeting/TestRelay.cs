using Gateway.E2ee.Keys;
using Gateway.E2ee.Meeting;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>
/// An in-memory SFU for key messages: keeps the join order, tells everyone present about joins and leaves,
/// carries broadcasts to everyone else and directed messages to one participant, in order or shuffled.
/// </summary>
internal sealed class TestRelay : IDisposable
{
    private readonly List<Delivery> _inFlight = [];
    private readonly Dictionary<string, DeviceIdentity> _identities = new(StringComparer.Ordinal);
    private readonly Random? _shuffle;

    public TestRelay(string meetingId = "meeting-1", Random? shuffle = null)
    {
        MeetingId = meetingId;
        _shuffle = shuffle;
    }

    public string MeetingId { get; }

    public ManualTimeProvider Time { get; } = new();

    /// <summary>Agents present, by participant id.</summary>
    public Dictionary<string, MeetingKeyAgent> Agents { get; } = new(StringComparer.Ordinal);

    /// <summary>Every agent ever joined, including those that left (the test disposes them through the relay).</summary>
    public List<MeetingKeyAgent> AllAgents { get; } = [];

    public List<string> JoinOrder { get; } = [];

    /// <summary>Every delivery made, with the recipient's verdict.</summary>
    public List<DeliveryRecord> Log { get; } = [];

    public DeviceIdentity IdentityOf(string participantId) => _identities[participantId];

    public MeetingKeyAgent Join(string participantId, DeviceIdentity? identity = null)
    {
        identity ??= DeviceIdentity.Create("device-" + participantId);
        if (!_identities.ContainsKey(participantId))
        {
            _identities[participantId] = identity;
        }

        var agent = new MeetingKeyAgent(new MeetingKeyAgentOptions
        {
            MeetingId = MeetingId,
            ParticipantId = participantId,
            Identity = identity,
            TimeProvider = Time,
        });
        AllAgents.Add(agent);
        JoinOrder.Add(participantId);
        MeetingKeyAgent[] present = [.. Agents.Values];
        Agents[participantId] = agent;
        foreach (MeetingKeyAgent other in present)
        {
            Route(other.ParticipantId, other.OnParticipantJoined(participantId));
        }

        Route(participantId, agent.Start(JoinOrder.ToArray()));
        return agent;
    }

    public MeetingKeyAgent Leave(string participantId)
    {
        MeetingKeyAgent agent = Agents[participantId];
        Agents.Remove(participantId);
        JoinOrder.Remove(participantId);
        _inFlight.RemoveAll(d => d.To == participantId);
        foreach (MeetingKeyAgent present in Agents.Values)
        {
            Route(present.ParticipantId, present.OnParticipantLeft(participantId));
        }

        return agent;
    }

    public void Route(string from, IReadOnlyList<KeyMessage> messages)
    {
        foreach (KeyMessage message in messages)
        {
            if (message.To is null)
            {
                foreach (string to in Agents.Keys)
                {
                    if (to != from)
                    {
                        _inFlight.Add(new Delivery(from, to, message.Body));
                    }
                }
            }
            else if (Agents.ContainsKey(message.To))
            {
                _inFlight.Add(new Delivery(from, message.To, message.Body));
            }
        }
    }

    /// <summary>Delivers until nothing is in flight; returns how many deliveries were made.</summary>
    public int Pump(int limit = 100_000)
    {
        int delivered = 0;
        while (_inFlight.Count > 0)
        {
            Assert.True(++delivered <= limit, "The key messages did not settle.");
            int index = _shuffle?.Next(_inFlight.Count) ?? 0;
            Delivery next = _inFlight[index];
            _inFlight.RemoveAt(index);
            if (!Agents.TryGetValue(next.To, out MeetingKeyAgent? agent))
            {
                continue;
            }

            KeyMessageOutcome outcome = agent.OnMessage(next.From, next.Body);
            Log.Add(new DeliveryRecord(next.From, next.To, next.Body, outcome));
            Route(next.To, outcome.Messages);
        }

        return delivered;
    }

    public void TickAll()
    {
        foreach (MeetingKeyAgent agent in Agents.Values.ToArray())
        {
            Route(agent.ParticipantId, agent.Tick());
        }
    }

    /// <summary>Hands a message to one agent directly, bypassing the queue.</summary>
    public KeyMessageOutcome Inject(string from, string to, byte[] body) => Agents[to].OnMessage(from, body);

    public void Dispose()
    {
        foreach (MeetingKeyAgent agent in AllAgents)
        {
            agent.Dispose();
        }

        foreach (DeviceIdentity identity in _identities.Values)
        {
            identity.Dispose();
        }
    }

    private sealed record Delivery(string From, string To, byte[] Body);
}

internal sealed record DeliveryRecord(string From, string To, byte[] Body, KeyMessageOutcome Outcome);
