namespace Gateway.Rtp.Tests.Interop;

/// <summary>A few RTP streams, each its own SSRC, with a random starting sequence number and timestamp.</summary>
internal sealed class InteropRtpStreams
{
    private readonly Random _random;
    private readonly uint[] _ssrcs;
    private readonly ushort[] _sequences;
    private readonly uint[] _timestamps;

    public InteropRtpStreams(Random random, int count)
    {
        _random = random;
        _ssrcs = new uint[count];
        _sequences = new ushort[count];
        _timestamps = new uint[count];
        for (int i = 0; i < count; i++)
        {
            _ssrcs[i] = (uint)random.NextInt64(0, 1L << 32);
            _sequences[i] = (ushort)random.Next(0, 65536);
            _timestamps[i] = (uint)random.NextInt64(0, 1L << 32);
        }
    }

    /// <summary>The next packet of a randomly chosen stream.</summary>
    public int Write(Span<byte> buffer, int payloadLength)
    {
        int stream = _random.Next(0, _ssrcs.Length);
        int length = SrtpInteropPackets.WriteRtp(buffer, _random, _sequences[stream], _timestamps[stream], _ssrcs[stream], payloadLength);
        _sequences[stream]++;
        _timestamps[stream] += 960;
        return length;
    }
}
