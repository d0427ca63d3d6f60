using BenchmarkDotNet.Attributes;
using Gateway.Codecs.Opus;
using Gateway.Codecs.Quality;

namespace Gateway.Benchmarks.Codecs;

/// <summary>
/// Opus (managed Concentus 2.2.2 through <see cref="OpusAudioEncoder"/> / <see cref="OpusAudioDecoder"/>)
/// encode and decode of one 20 ms frame at 48 kHz, mono and stereo, 32 and 64 kb/s, application Audio,
/// complexity 10. The input is one second of <see cref="SpeechSource"/> (seed 1) walked as a ring of
/// 50 frames, so the codec sees speech and pauses as the load generator sends them; Decode walks the
/// packets the encoder made from the same ring. The allocation column is Concentus's own scratch: the
/// wrappers add none.
/// </summary>
[MemoryDiagnoser]
public class OpusBenchmarks
{
    private const int RingFrames = 50;

    private OpusAudioEncoder _encoder = null!;
    private OpusAudioDecoder _decoder = null!;
    private short[] _pcm = null!;
    private short[] _output = null!;
    private byte[] _packet = null!;
    private byte[][] _packets = null!;
    private int _encodeIndex;
    private int _decodeIndex;

    [Params(1, 2)]
    public int Channels { get; set; }

    [Params(32_000, 64_000)]
    public int Bitrate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var settings = new OpusEncoderSettings { Channels = Channels, Bitrate = Bitrate, Complexity = 10, Application = OpusApplicationMode.Audio };
        _encoder = new OpusAudioEncoder(settings);
        _decoder = new OpusAudioDecoder(Channels);
        _pcm = new short[RingFrames * _encoder.FrameSamples];
        _output = new short[_encoder.FrameSamples];
        _packet = new byte[OpusFormat.MaxFrameBytes];
        new SpeechSource(1).Read(_pcm, Channels);

        // The packets Decode walks, from a separate encoder so Encode starts from a fresh state.
        using var encoder = new OpusAudioEncoder(settings);
        _packets = new byte[RingFrames][];
        for (int i = 0; i < RingFrames; i++)
        {
            if (encoder.Encode(Frame(i), _packet, out int written) != OpusStatus.Ok)
            {
                throw new InvalidOperationException("encoding the decode ring failed");
            }

            _packets[i] = _packet[..written];
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        _decoder.Dispose();
    }

    /// <summary>One 20 ms frame in, one Opus packet out; returns the packet length.</summary>
    [Benchmark]
    public int Encode()
    {
        int index = _encodeIndex;
        _encodeIndex = index + 1 == RingFrames ? 0 : index + 1;
        _encoder.Encode(Frame(index), _packet, out int written);
        return written;
    }

    /// <summary>One Opus packet in, 960 samples per channel out; returns the sample count.</summary>
    [Benchmark]
    public int Decode()
    {
        int index = _decodeIndex;
        _decodeIndex = index + 1 == RingFrames ? 0 : index + 1;
        _decoder.Decode(_packets[index], _output, out int samples);
        return samples;
    }

    private ReadOnlySpan<short> Frame(int index) => _pcm.AsSpan(index * _encoder.FrameSamples, _encoder.FrameSamples);
}
