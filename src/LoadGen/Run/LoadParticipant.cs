using Gateway.Client;
using Gateway.Client.Encryption;
using Gateway.Codecs.Quality;
using Gateway.E2ee.Keys;
using Gateway.LoadGen.Quality;

namespace Gateway.LoadGen.Run;

/// <summary>
/// One simulated participant: its session, its deterministic source (encoded live, or a shared pre-encoded loop),
/// what it captured of the others.
/// </summary>
internal sealed class LoadParticipant : IAsyncDisposable
{
    public LoadParticipant(int meeting, int index, string room, string identity, uint audioSsrc, uint? videoSsrc, int seed, PreEncodedLoop? loop, StreamCapture capture, MeetingE2ee? e2ee, DeviceIdentity? device)
    {
        Meeting = meeting;
        Index = index;
        Room = room;
        Identity = identity;
        AudioSsrc = audioSsrc;
        VideoSsrc = videoSsrc;
        Seed = loop?.Seed ?? seed;
        Loop = loop;
        Source = loop is null ? new SpeechSource(seed) : null;
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

    /// <summary>The seed of what it sends (<see cref="Source"/> or <see cref="Loop"/>): receivers regenerate the reference from it.</summary>
    public int Seed { get; }

    /// <summary>The source encoded live frame by frame; null when the participant replays <see cref="Loop"/>.</summary>
    public SpeechSource? Source { get; }

    /// <summary>The pre-encoded loop the participant replays; null when it encodes <see cref="Source"/> live.</summary>
    public PreEncodedLoop? Loop { get; }

    public StreamCapture Capture { get; }

    /// <summary>The participant's end-to-end encryption (key agent and SFrame), when the run has E2EE on.</summary>
    public MeetingE2ee? E2ee { get; }

    /// <summary>The participant's device signing key, when the run has E2EE on.</summary>
    public DeviceIdentity? DeviceIdentity { get; }

    public MeetingSession? Session { get; set; }

    /// <summary>Frames of audio this participant sent.</summary>
    public long AudioFramesSent { get; set; }

    /// <summary>Fills <paramref name="reference"/> with what this participant sent from its first frame on: its source, or its loop looped.</summary>
    public void FillReference(Span<short> reference)
    {
        if (Loop is not null)
        {
            Loop.FillReference(reference);
        }
        else
        {
            new SpeechSource(Seed).Read(reference);
        }
    }

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
