using Gateway.E2ee.Meeting;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>A media session per agent, and helpers to send one frame through SFrame.</summary>
internal sealed class MediaHarness : IDisposable
{
    private readonly TestRelay _relay;

    public MediaHarness(TestRelay relay) => _relay = relay;

    public Dictionary<string, E2eeMediaSession> Sessions { get; } = new(StringComparer.Ordinal);

    public E2eeMediaSession Attach(string participantId)
    {
        var session = new E2eeMediaSession(_relay.Agents[participantId], new E2eeMediaSessionOptions { TimeProvider = _relay.Time });
        Sessions[participantId] = session;
        return session;
    }

    public static byte[] Protect(E2eeMediaSession sender, byte[] frame)
    {
        byte[] buffer = new byte[frame.Length + sender.MaxOverhead];
        Assert.Equal(SFrameStatus.Ok, sender.ProtectFrame([], frame, buffer, out int written));
        return buffer[..written];
    }

    public static SFrameStatus TryUnprotect(E2eeMediaSession receiver, byte[] sframe, out byte[] frame)
    {
        byte[] buffer = new byte[sframe.Length];
        SFrameStatus status = receiver.UnprotectFrame([], sframe, buffer, out int written, out _);
        frame = buffer[..written];
        return status;
    }

    public void Dispose()
    {
        foreach (E2eeMediaSession session in Sessions.Values)
        {
            session.Dispose();
        }
    }
}
