using System.Net;
using System.Security.Cryptography;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Client.Tests.Infrastructure;
using Gateway.Codecs.Quality;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Tests.Media;

/// <summary>
/// The receive path without a gateway: packets protected with "the gateway's" key go straight into
/// <see cref="MediaReceiver.Handle"/>, so reordering, loss, lateness and duplicates are exactly what the test makes.
/// </summary>
public sealed class ReceivePathTests : IDisposable
{
    private const uint Ssrc = 0xABCDEF01;
    private const SrtpProfile Profile = SrtpProfile.AeadAes128Gcm;

    private readonly MediaTransport _transport = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly SrtpSession _gateway;
    private readonly MediaReceiver _receiver;
    private readonly SessionStatistics _statistics;
    private readonly PcmRecorder _recorder = new();
    private readonly List<byte[]> _frames = [];

    public ReceivePathTests()
    {
        byte[] own = RandomNumberGenerator.GetBytes(28);
        byte[] gatewayKey = RandomNumberGenerator.GetBytes(28);
        _transport.Start(new IPEndPoint(IPAddress.Loopback, 9), Profile, own, gatewayKey);
        _gateway = SrtpSession.Create(Profile, gatewayKey.AsSpan(0, 16), gatewayKey.AsSpan(16));
        MediaReceiver? receiver = null;
        _statistics = new SessionStatistics(() => receiver!.Tracks.Select(t => t.Statistics));
        receiver = new MediaReceiver(_transport, new ReceiveContext { Statistics = _statistics, AudioSink = _recorder, JitterBufferFrames = 3 });
        _receiver = receiver;

        using var encoder = new AudioFrameEncoder(48000);
        var source = new SpeechSource(5);
        short[] pcm = new short[RtpFormats.SamplesPerFrame];
        byte[] packet = new byte[1500];
        for (int i = 0; i < 64; i++)
        {
            source.Read(pcm);
            int length = encoder.Encode(pcm, packet);
            _frames.Add(packet.AsSpan(0, length).ToArray());
        }
    }

    [Fact]
    public void Reordered_WithinTheBuffer_AllDecodeInOrder()
    {
        foreach (int i in new[] { 0, 2, 1, 3, 5, 4, 6, 7 })
        {
            Deliver(i);
        }

        MediaStatisticsSnapshot s = _statistics.Snapshot();
        Assert.Equal(8, s.PacketsReceived);
        Assert.Equal(0, s.PacketsLost);
        Assert.Equal(0, s.FramesConcealed);
        Assert.Equal(8, s.FramesDecoded);
        Assert.True(_receiver.TryGetTrack(Ssrc, out RemoteTrack track));
        Assert.Null(track.ParticipantId);
    }

    [Fact]
    public void Missing_IsConcealedAfterThreeLaterFrames_AndCountsLateWhenItComes()
    {
        for (int i = 0; i < 5; i++)
        {
            Deliver(i);
        }

        Deliver(6);
        Deliver(7);
        Assert.Equal(0, _statistics.Snapshot().FramesConcealed);
        Deliver(8);
        Assert.Equal(1, _statistics.Snapshot().FramesConcealed);
        Assert.Equal(1, _statistics.Snapshot().PacketsLost);

        Deliver(5);

        MediaStatisticsSnapshot s = _statistics.Snapshot();
        Assert.Equal(1, s.PacketsLate);
        Assert.Equal(0, s.PacketsLost);
        Assert.Equal(8, s.FramesDecoded);
        Assert.Equal(9 * RtpFormats.SamplesPerFrame, _recorder.Samples(Ssrc).Length);
    }

    [Fact]
    public void Duplicates_AreCountedAsDuplicatesNotDecryptFailures_AndNotDecodedTwice()
    {
        Deliver(0);
        Deliver(1);
        Deliver(1);

        MediaStatisticsSnapshot s = _statistics.Snapshot();
        Assert.Equal(1, s.PacketsDuplicate);
        Assert.Equal(0, s.SrtpFailures);
        Assert.Equal(2, s.FramesDecoded);
    }

    [Fact]
    public void WrongKeyGarbageAndRtcp_AreCountedDrops()
    {
        using var stranger = SrtpSession.Create(Profile, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(12));
        byte[] forged = Packet(0, stranger);
        _receiver.Handle(forged);
        _receiver.Handle(new byte[] { 0x80, 200, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
        _receiver.Handle(new byte[] { 1, 2, 3 });

        MediaStatisticsSnapshot s = _statistics.Snapshot();
        Assert.Equal(1, s.SrtpFailures);
        Assert.Equal(1, s.RtcpReceived);
        Assert.Equal(1, s.Malformed);
        Assert.Equal(0, s.PacketsReceived);
    }

    [Fact]
    public void RandomDatagrams_NeverThrow()
    {
        int seed = Gateway.Crypto.Native.Tests.Infrastructure.TestSeed.Next();
        var random = new Random(seed);
        byte[] valid = Packet(0, _gateway);
        for (int i = 0; i < 5000; i++)
        {
            byte[] datagram = i % 2 == 0
                ? Gateway.Crypto.Native.Tests.Infrastructure.Bytes.Random(random, random.Next(0, 200))
                : valid.AsSpan(0, random.Next(0, valid.Length + 1)).ToArray();
            if (datagram.Length > 0 && i % 4 == 1)
            {
                datagram[0] = 0x80;
            }

            _receiver.Handle(datagram);
        }

        // Only the one untruncated copy of the valid packet may ever get through.
        Assert.True(_statistics.Snapshot().PacketsReceived <= 1);
    }

    [Fact]
    public void SteadyState_ReceiveUnprotectReorderAndCount_AllocatesNothing()
    {
        // Decoding is off: Concentus allocates inside every decode (about 22 KB a frame), which is not this path's doing.
        MediaReceiver? receiver = null;
        var statistics = new SessionStatistics(() => receiver!.Tracks.Select(t => t.Statistics));
        receiver = new MediaReceiver(_transport, new ReceiveContext { Statistics = statistics, DecodeAudio = false, CaptureTimestamps = false });

        var packets = new List<byte[]>();
        for (int i = 0; i < 4000; i++)
        {
            packets.Add(Packet(i, _gateway));
        }

        byte[] scratch = new byte[2048];
        for (int i = 0; i < 200; i++)
        {
            packets[i].CopyTo(scratch, 0);
            receiver.Handle(scratch.AsSpan(0, packets[i].Length));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 200; i < packets.Count; i++)
        {
            packets[i].CopyTo(scratch, 0);
            receiver.Handle(scratch.AsSpan(0, packets[i].Length));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        MediaStatisticsSnapshot s = statistics.Snapshot();
        Assert.Equal(4000, s.PacketsReceived);
        Assert.Equal(4000, s.FramesReceived);
        Assert.Equal(0, s.PacketsLost);
        Assert.Equal(0, allocated);
    }

    public void Dispose()
    {
        _transport.Dispose();
        _gateway.Dispose();
    }

    private readonly Dictionary<int, byte[]> _sent = [];

    /// <summary>Delivers packet <paramref name="index"/>; the same bytes again when it was delivered before (a duplicate on the wire).</summary>
    private void Deliver(int index)
    {
        if (!_sent.TryGetValue(index, out byte[]? packet))
        {
            packet = Packet(index, _gateway);
            _sent[index] = packet;
        }

        _receiver.Handle((byte[])packet.Clone());
    }

    private byte[] Packet(int index, SrtpSession session)
    {
        byte[] buffer = new byte[1500];
        var writer = new RtpPacketWriter(buffer);
        Assert.True(writer.TryWriteHeader(RtpFormats.OpusPayloadType, false, (ushort)(60000 + index), (uint)(index * 960), Ssrc));
        Assert.True(writer.TryAddAudioLevel(RtpFormats.AudioLevelExtensionId, new AudioLevel(true, 30)));
        Assert.True(writer.TryWritePayload(_frames[index % _frames.Count]));
        Assert.True(writer.TryFinish(0, out int length));
        Assert.Equal(SrtpResult.Ok, session.ProtectRtp(buffer, length, out int protectedLength));
        return buffer.AsSpan(0, protectedLength).ToArray();
    }
}
