using Gateway.Client;
using Gateway.Client.Encryption;
using Gateway.E2ee.Keys;
using Gateway.LoadGen.Quality;

namespace Gateway.LoadGen.Run;

/// <summary>One simulated participant: its session, its deterministic source, what it captured of the others.</summary>
internal sealed class LoadParticipant : IAsyncDisposable
{
    public LoadParticipant(int meeting, int index, string room, string identity, uint audioSsrc, uint? videoSsrc, int seed, StreamCapture capture, MeetingE2ee? e2ee, DeviceIdentity? device)
    {
        Meeting = meeting;
        Index = index;
        Room = room;
        Identity = identity;
        AudioSsrc = audioSsrc;
        VideoSsrc = videoSsrc;
        Seed = seed;
        Source = new SpeechSource(seed);
        Capture = capture;
        E2ee = e2ee;
        DeviceIdentity = device;
    }

    public int Meeting { get; }

    public int Index { get; }

    public string Room { get; }

    public string Identity { get; }

    public uint AudioSsrc { get; }

    public uint? VideoSsrc { get; }

    /// <summary>The seed of <see cref="Source"/>: receivers regenerate the reference from it.</summary>
    public int Seed { get; }

    public SpeechSource Source { get; }

    public StreamCapture Capture { get; }

    /// <summary>The participant's end-to-end encryption (key agent and SFrame), when the run has E2EE on.</summary>
    public MeetingE2ee? E2ee { get; }

    /// <summary>The participant's device signing key, when the run has E2EE on.</summary>
    public DeviceIdentity? DeviceIdentity { get; }

    public MeetingSession? Session { get; set; }

    /// <summary>Frames of audio this participant sent.</summary>
    public long AudioFramesSent { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Session is not null)
        {
            await Session.DisposeAsync().ConfigureAwait(false);
        }

        E2ee?.Dispose();
        DeviceIdentity?.Dispose();
    }
}
