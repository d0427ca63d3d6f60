using Gateway.Client.Media;

namespace Gateway.LoadGen.Run;

/// <summary>
/// Keeps the first samples of each remote audio track one participant decodes (up to a fixed count, preallocated on
/// first sight of the track), for the SNR check at the end of the run.
/// </summary>
internal sealed class StreamCapture : IAudioFrameSink
{
    private readonly int _capacity;
    private readonly Lock _sync = new();
    private readonly Dictionary<uint, Buffer> _streams = [];

    public StreamCapture(int capacity)
    {
        _capacity = capacity;
    }

    public void OnAudioFrame(RemoteTrack track, ReadOnlySpan<short> pcm, bool concealed)
    {
        Buffer? buffer;
        lock (_sync)
        {
            if (!_streams.TryGetValue(track.Ssrc, out buffer))
            {
                buffer = new Buffer(new short[_capacity]);
                _streams[track.Ssrc] = buffer;
            }
        }

        int room = _capacity - buffer.Count;
        if (room <= 0)
        {
            return;
        }

        int take = Math.Min(room, pcm.Length);
        pcm[..take].CopyTo(buffer.Samples.AsSpan(buffer.Count));
        buffer.Count += take;
        if (concealed)
        {
            buffer.Concealed++;
        }
    }

    /// <summary>The samples kept of <paramref name="ssrc"/>, and how many frames of them were concealed.</summary>
    public (ReadOnlyMemory<short> Samples, int Concealed) Get(uint ssrc)
    {
        lock (_sync)
        {
            return _streams.TryGetValue(ssrc, out Buffer? buffer) ? (buffer.Samples.AsMemory(0, buffer.Count), buffer.Concealed) : (ReadOnlyMemory<short>.Empty, 0);
        }
    }

    private sealed class Buffer(short[] samples)
    {
        public short[] Samples { get; } = samples;

        public int Count { get; set; }

        public int Concealed { get; set; }
    }
}
