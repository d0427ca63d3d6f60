using Gateway.Client.Media;
using Gateway.Codecs.Quality;

namespace Gateway.LoadGen.Quality;

/// <summary>
/// One speech source encoded once up front: <see cref="Frames"/> consecutive 20 ms Opus packets of
/// <see cref="SpeechSource"/>(seed), replayed in a loop. The encoder is primed with the loop's own tail before its
/// first frame is encoded, so the packets continue seamlessly from the last frame into the first as a replay plays
/// them; the signal itself jumps at the seam, and so does <see cref="FillReference"/>, the looped source a decoded
/// replay is compared with.
/// </summary>
internal sealed class PreEncodedLoop
{
    /// <summary>Frames of the loop's end encoded first to prime the encoder (0.5 s: longer than any Opus state reaches back).</summary>
    private const int PrimingFrames = 25;

    private const int MaxPacketBytes = 1000;

    private readonly short[] _pcm;
    private readonly byte[] _packets;
    private readonly int[] _offsets;
    private readonly int[] _levels;

    private PreEncodedLoop(int seed, short[] pcm, byte[] packets, int[] offsets, int[] levels)
    {
        Seed = seed;
        _pcm = pcm;
        _packets = packets;
        _offsets = offsets;
        _levels = levels;
    }

    /// <summary>The seed of the source.</summary>
    public int Seed { get; }

    /// <summary>Frames in the loop.</summary>
    public int Frames => _levels.Length;

    /// <summary>Samples in the loop (<see cref="Frames"/> × 960).</summary>
    public int Samples => _pcm.Length;

    /// <summary>Encodes <paramref name="frames"/> frames of the source of <paramref name="seed"/> at <paramref name="bitrate"/>.</summary>
    public static PreEncodedLoop Encode(int seed, int frames, int bitrate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        int frameSamples = RtpFormats.SamplesPerFrame;
        short[] pcm = new short[frames * frameSamples];
        new SpeechSource(seed).Read(pcm);

        using var encoder = new AudioFrameEncoder(bitrate);
        byte[] scratch = new byte[MaxPacketBytes];
        for (int f = Math.Max(0, frames - PrimingFrames); f < frames; f++)
        {
            encoder.Encode(pcm.AsSpan(f * frameSamples, frameSamples), scratch);
        }

        using var packets = new MemoryStream(frames * 128);
        int[] offsets = new int[frames + 1];
        int[] levels = new int[frames];
        for (int f = 0; f < frames; f++)
        {
            ReadOnlySpan<short> frame = pcm.AsSpan(f * frameSamples, frameSamples);
            int length = encoder.Encode(frame, scratch);
            if (length <= 0)
            {
                throw new InvalidOperationException($"Opus refused frame {f} of source {seed}.");
            }

            offsets[f] = (int)packets.Length;
            packets.Write(scratch, 0, length);
            levels[f] = AudioFrameEncoder.MeasureLevel(frame);
        }

        offsets[frames] = (int)packets.Length;
        return new PreEncodedLoop(seed, pcm, packets.ToArray(), offsets, levels);
    }

    /// <summary>The Opus packet of the <paramref name="index"/>-th frame a replay sends (index modulo <see cref="Frames"/>).</summary>
    public ReadOnlySpan<byte> Packet(long index)
    {
        int f = (int)(index % Frames);
        return _packets.AsSpan(_offsets[f], _offsets[f + 1] - _offsets[f]);
    }

    /// <summary>The RFC 6464 level of the <paramref name="index"/>-th frame a replay sends.</summary>
    public int Level(long index) => _levels[(int)(index % Frames)];

    /// <summary>Fills <paramref name="reference"/> with what a replay from frame 0 carries: the source's samples, looped.</summary>
    public void FillReference(Span<short> reference)
    {
        int written = 0;
        while (written < reference.Length)
        {
            int take = Math.Min(_pcm.Length, reference.Length - written);
            _pcm.AsSpan(0, take).CopyTo(reference[written..]);
            written += take;
        }
    }
}
