using Gateway.E2ee.Meeting;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>
/// The set-up most media tests start from: the participants join in the order given, the key messages
/// settle on one epoch, and each participant gets a media session.
/// </summary>
internal sealed class MeetingHarness : IDisposable
{
    public MeetingHarness(params string[] participants)
    {
        foreach (string participantId in participants)
        {
            Relay.Join(participantId);
        }

        Relay.Pump();
        Media = new MediaHarness(Relay);
        foreach (string participantId in participants)
        {
            Media.Attach(participantId);
        }
    }

    public TestRelay Relay { get; } = new();

    public MediaHarness Media { get; }

    /// <summary>The media session of one participant.</summary>
    public E2eeMediaSession this[string participantId] => Media.Sessions[participantId];

    /// <summary>Disposes the sessions before the agents they listen to.</summary>
    public void Dispose()
    {
        Media.Dispose();
        Relay.Dispose();
    }
}
