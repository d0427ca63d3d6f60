using Gateway.Client.Media;

namespace Gateway.Client.Tests.Infrastructure;

/// <summary>Keeps every decoded frame of every remote track, for tests that compare audio with its source.</summary>
internal sealed class PcmRecorder : IAudioFrameSink
{
    private readonly Lock _sync = new();
    private readonly Dictionary<uint, List<short>> _tracks = [];

    public int Concealed { get; private set; }

    public void OnAudioFrame(RemoteTrack track, ReadOnlySpan<short> pcm, bool concealed)
    {
        lock (_sync)
        {
            if (!_tracks.TryGetValue(track.Ssrc, out List<short>? samples))
            {
                samples = [];
                _tracks[track.Ssrc] = samples;
            }

            samples.AddRange(pcm);
            if (concealed)
            {
                Concealed++;
            }
        }
    }

    public short[] Samples(uint ssrc)
    {
        lock (_sync)
        {
            return _tracks.TryGetValue(ssrc, out List<short>? samples) ? [.. samples] : [];
        }
    }
}
