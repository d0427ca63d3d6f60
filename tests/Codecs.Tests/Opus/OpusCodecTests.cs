using Gateway.Codecs.Opus;
using Gateway.Codecs.Quality;

namespace Gateway.Codecs.Tests.Opus;

/// <summary>Encode/decode round trips, concealment and FEC, and the refusals of the Opus wrappers.</summary>
public sealed class OpusCodecTests
{
    private const int Frames = 50;

    [Theory]
    [InlineData(1, 32_000)]
    [InlineData(2, 64_000)]
    public void EncodeDecode_RoundTrip_GivesFull20MsFrames(int channels, int bitrate)
    {
        using var encoder = new OpusAudioEncoder(new OpusEncoderSettings { Channels = channels, Bitrate = bitrate });
        using var decoder = new OpusAudioDecoder(channels);
        var source = new SpeechSource(11);
        short[] pcm = new short[encoder.FrameSamples];
        short[] output = new short[encoder.FrameSamples];
        byte[] packet = new byte[OpusFormat.MaxFrameBytes];
        bool heard = false;
        for (int frame = 0; frame < Frames; frame++)
        {
            source.Read(pcm, channels);
            Assert.Equal(OpusStatus.Ok, encoder.Encode(pcm, packet, out int written));
            Assert.InRange(written, 1, OpusFormat.MaxFrameBytes);
            Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse(packet.AsSpan(0, written), out OpusToc toc));
            Assert.Equal(OpusFormat.FrameSamplesPerChannel, toc.DurationSamples);

            Assert.Equal(OpusStatus.Ok, decoder.Decode(packet.AsSpan(0, written), output, out int samples));
            Assert.Equal(OpusFormat.FrameSamplesPerChannel, samples);
            heard |= output.AsSpan().IndexOfAnyExcept((short)0) >= 0;
        }

        Assert.True(heard, "every decoded frame is silent");
    }

    [Fact]
    public void Bitrate_Doubled_SpendsAboutTwiceTheBytes()
    {
        // The source pauses, and VBR spends little on pauses, so compare rates rather than expect the target.
        long at32 = EncodedBytes(32_000);
        long at64 = EncodedBytes(64_000);
        Assert.InRange((double)at64 / at32, 1.6, 2.4);
    }

    [Fact]
    public void EncodeDecode_Float_RoundTripsThroughTheFloatOverloads()
    {
        using var encoder = new OpusAudioEncoder(new OpusEncoderSettings { Channels = 2 });
        using var decoder = new OpusAudioDecoder(2);
        var source = new SpeechSource(5);
        float[] pcm = new float[encoder.FrameSamples];
        float[] output = new float[encoder.FrameSamples];
        byte[] packet = new byte[OpusFormat.MaxFrameBytes];
        for (int frame = 0; frame < 10; frame++)
        {
            source.Read(pcm, 2);
            Assert.Equal(OpusStatus.Ok, encoder.Encode(pcm, packet, out int written));
            Assert.Equal(OpusStatus.Ok, decoder.Decode(packet.AsSpan(0, written), output, out int samples));
            Assert.Equal(OpusFormat.FrameSamplesPerChannel, samples);
        }

        Assert.True(output.AsSpan().IndexOfAnyExcept(0f) >= 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Decode_EmptyPacket_ConcealsOneFullFrame(int channels)
    {
        using var encoder = new OpusAudioEncoder(new OpusEncoderSettings { Channels = channels });
        using var decoder = new OpusAudioDecoder(channels);
        var source = new SpeechSource(3);
        short[] pcm = new short[encoder.FrameSamples];
        short[] output = new short[encoder.FrameSamples];
        byte[] packet = new byte[OpusFormat.MaxFrameBytes];
        for (int frame = 0; frame < 20; frame++)
        {
            source.Read(pcm, channels);
            encoder.Encode(pcm, packet, out int written);
            decoder.Decode(packet.AsSpan(0, written), output, out _);
        }

        output.AsSpan().Fill(short.MaxValue);
        Assert.Equal(OpusStatus.Ok, decoder.Decode(ReadOnlySpan<byte>.Empty, output, out int concealed));
        Assert.Equal(OpusFormat.FrameSamplesPerChannel, concealed);

        // The concealment wrote the whole frame (a fill value surviving at the end would show it did not).
        Assert.NotEqual(short.MaxValue, output[^1]);
        Assert.Equal(OpusStatus.Ok, decoder.Conceal(output));

        // Decoding carries on after the gap.
        source.Read(pcm, channels);
        encoder.Encode(pcm, packet, out int next);
        Assert.Equal(OpusStatus.Ok, decoder.Decode(packet.AsSpan(0, next), output, out int samples));
        Assert.Equal(OpusFormat.FrameSamplesPerChannel, samples);
    }

    [Fact]
    public void DecodeFec_FromTheNextPacket_RecoversTheLostFrame()
    {
        // FEC lives in SILK: VoIP at 24 kb/s with expected loss makes SILK/hybrid packets that carry it.
        using var encoder = new OpusAudioEncoder(new OpusEncoderSettings
        {
            Application = OpusApplicationMode.Voip, Bitrate = 24_000, InbandFec = true, ExpectedLossPercent = 20,
        });
        using var decoder = new OpusAudioDecoder(1);
        var source = new SpeechSource(9);
        short[] pcm = new short[encoder.FrameSamples];
        short[] output = new short[encoder.FrameSamples];
        byte[][] packets = new byte[30][];
        for (int frame = 0; frame < packets.Length; frame++)
        {
            source.Read(pcm);
            byte[] packet = new byte[OpusFormat.MaxFrameBytes];
            encoder.Encode(pcm, packet, out int written);
            packets[frame] = packet[..written];
        }

        for (int frame = 0; frame < 20; frame++)
        {
            decoder.Decode(packets[frame], output, out _);
        }

        Assert.Equal(OpusTocStatus.Ok, OpusToc.TryParse(packets[21], out OpusToc toc));
        Assert.NotEqual(OpusMode.Celt, toc.Mode);

        // Packet 20 is lost: rebuild it from 21's FEC, then decode 21.
        Assert.Equal(OpusStatus.Ok, decoder.DecodeFec(packets[21], output));
        Assert.Equal(OpusStatus.Ok, decoder.Decode(packets[21], output, out int samples));
        Assert.Equal(OpusFormat.FrameSamplesPerChannel, samples);
    }

    [Fact]
    public void Encode_WrongFrameLengthOrTinyBuffer_IsAStatusNotAnException()
    {
        using var encoder = new OpusAudioEncoder();
        byte[] packet = new byte[OpusFormat.MaxFrameBytes];
        Assert.Equal(OpusStatus.WrongFrameLength, encoder.Encode(new short[959], packet, out int written));
        Assert.Equal(0, written);
        Assert.Equal(OpusStatus.WrongFrameLength, encoder.Encode(new short[1920], packet, out _));
        Assert.Equal(OpusStatus.DestinationTooSmall, encoder.Encode(new short[960], new byte[1], out _));
        Assert.Equal(OpusStatus.WrongFrameLength, encoder.Encode(new float[480], packet, out _));
    }

    [Fact]
    public void Decode_MalformedOrOversizedPackets_AreStatuses()
    {
        using var decoder = new OpusAudioDecoder(1);
        short[] output = new short[960];

        // Code 1 needs an even number of frame bytes (RFC 6716 R3).
        Assert.Equal(OpusStatus.MalformedPacket, decoder.Decode(new byte[] { 0x79, 1, 2, 3 }, output, out _));

        // A valid 60 ms SILK packet (config 3, code 0) does not fit in 20 ms of output.
        Assert.Equal(OpusStatus.PacketTooLong, decoder.Decode(new byte[] { 0x18, 0, 0 }, output, out int samples));
        Assert.Equal(0, samples);

        Assert.Equal(OpusStatus.WrongFrameLength, decoder.Conceal(output, 500));
        Assert.Equal(OpusStatus.DestinationTooSmall, decoder.Conceal(new short[100]));
    }

    [Fact]
    public void Construction_OutOfRangeSettings_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusAudioEncoder(new OpusEncoderSettings { Channels = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusAudioEncoder(new OpusEncoderSettings { Bitrate = 1000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusAudioEncoder(new OpusEncoderSettings { Complexity = 11 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusAudioDecoder(0));
    }

    [Fact]
    public void Settings_AreAppliedAndReadBack()
    {
        using var encoder = new OpusAudioEncoder(new OpusEncoderSettings { Bitrate = 48_000, Complexity = 5 });
        Assert.Equal(48_000, encoder.Bitrate);
        Assert.Equal(5, encoder.Complexity);
        encoder.Bitrate = 64_000;
        encoder.Complexity = 10;
        Assert.Equal(64_000, encoder.Bitrate);
        Assert.Equal(10, encoder.Complexity);
        Assert.Equal(OpusFormat.CodecDelaySamples, encoder.LookaheadSamples);
    }

    private static long EncodedBytes(int bitrate)
    {
        using var encoder = new OpusAudioEncoder(new OpusEncoderSettings { Bitrate = bitrate });
        var source = new SpeechSource(21);
        short[] pcm = new short[encoder.FrameSamples];
        byte[] packet = new byte[OpusFormat.MaxFrameBytes];
        long bytes = 0;
        for (int frame = 0; frame < 150; frame++)
        {
            source.Read(pcm);
            encoder.Encode(pcm, packet, out int written);
            bytes += written;
        }

        return bytes;
    }
}
