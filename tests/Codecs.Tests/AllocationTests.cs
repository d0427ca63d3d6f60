using Gateway.Codecs.Audio;
using Gateway.Codecs.H264;
using Gateway.Codecs.Jitter;
using Gateway.Codecs.Opus;
using Gateway.Codecs.Quality;
using Gateway.Codecs.Vp8;

namespace Gateway.Codecs.Tests;

/// <summary>
/// The per-frame paths that can be allocation-free are: audio level and voice flag, VP8 descriptor
/// read/write and packetizing, H.264 and Opus TOC inspection, jitter buffer insert/pull, and the speech
/// source. Counted with GC.GetAllocatedBytesForCurrentThread over many iterations after a warm-up.
/// (Opus encode/decode are not here: managed Concentus allocates inside every call; see the benchmarks.)
/// </summary>
public sealed class AllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void AudioLevelAndVoiceFlag_AllocateNothing()
    {
        short[] pcm = new short[960];
        float[] floats = new float[960];
        new SpeechSource(1).Read(pcm);
        var vad = new VoiceActivityDetector();
        int sum = 0;
        AssertNoAllocation(() =>
        {
            int level = AudioLevelMeter.Measure(pcm) + AudioLevelMeter.Measure(floats);
            sum += vad.Update(level) ? 1 : 0;
        });
    }

    [Fact]
    public void Vp8DescriptorReadWriteAndPacketizer_AllocateNothing()
    {
        var descriptor = new Vp8PayloadDescriptor
        {
            StartOfPartition = true, HasPictureId = true, PictureIdIs15Bit = true, PictureId = 300, HasTl0PicIdx = true, HasTemporalLayer = true,
        };
        byte[] frame = new byte[5000];
        Vp8SyntheticFrame.WriteHeader(frame, keyframe: true, 640, 480);
        byte[] payload = new byte[1200];
        int keyframes = 0;
        AssertNoAllocation(() =>
        {
            descriptor.TryWrite(payload, out int length);
            Vp8PayloadDescriptor.TryParse(payload.AsSpan(0, length), out _, out _);
            var packetizer = new Vp8Packetizer(frame, descriptor, 1200);
            while (packetizer.HasNext)
            {
                packetizer.TryWriteNext(payload, out int written, out _);
                Vp8PacketInfo.TryRead(payload.AsSpan(0, written), out Vp8PacketInfo info);
                keyframes += info.IsKeyframe ? 1 : 0;
            }
        });
        Assert.True(keyframes > 0);
    }

    [Fact]
    public void H264AndOpusTocInspection_AllocateNothing()
    {
        byte[] stap = [0x78, 0x00, 0x04, 0x67, 0x42, 0x00, 0x1f, 0x00, 0x02, 0x68, 0xce, 0x00, 0x03, 0x65, 0x88, 0x84];
        byte[] fu = [0x7C, 0x85, 0x88, 0x80];
        byte[] opus = [0xFB, 0x83, 1, 2, 7, 8, 8, 9, 9, 9];
        int keyframes = 0;
        AssertNoAllocation(() =>
        {
            H264PacketInfo.TryRead(stap, out H264PacketInfo a);
            H264PacketInfo.TryRead(fu, out H264PacketInfo b);
            OpusToc.TryParse(opus, out OpusToc toc);
            keyframes += (a.IsKeyframe ? 1 : 0) + (b.IsKeyframe ? 1 : 0) + toc.FrameCount;
        });
    }

    [Fact]
    public void JitterBufferInsertAndPull_AllocateNothing_AcrossWrapsLossAndReordering()
    {
        var buffer = new AudioJitterBuffer(capacity: 16, prefetchFrames: 3);
        byte[] payload = new byte[160];
        ushort seq = 65_000;
        int frames = 0;
        AssertNoAllocation(() =>
        {
            // 4 packets per round: one reordered pair, one lost.
            ushort a = seq, b = (ushort)(seq + 1), c = (ushort)(seq + 3);
            buffer.Insert(b, b * 960u, payload);
            buffer.Insert(a, a * 960u, payload);
            buffer.Insert(c, c * 960u, payload);
            buffer.Insert(c, c * 960u, payload); // duplicate
            seq += 4;
            for (int i = 0; i < 4; i++)
            {
                JitterFrame frame = buffer.Pull();
                frames += frame.Payload.Length + frame.NextPayload.Length;
            }
        });
        Assert.True(buffer.Stats.Lost > 0 && buffer.Stats.Reordered > 0 && buffer.Stats.Duplicates > 0);
    }

    [Fact]
    public void SpeechSourceRead_AllocatesNothing()
    {
        var source = new SpeechSource(3);
        short[] pcm = new short[1920];
        float[] floats = new float[960];
        AssertNoAllocation(() =>
        {
            source.Read(pcm, 2);
            source.Read(floats);
        });
    }

    private static void AssertNoAllocation(Action step)
    {
        for (int i = 0; i < 100; i++)
        {
            step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{Iterations} iterations allocated {allocated} bytes.");
    }
}
