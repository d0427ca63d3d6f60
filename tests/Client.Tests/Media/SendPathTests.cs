using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Gateway.Client.Encryption;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Tests.Media;

/// <summary>The publishers against a plain UDP socket standing in for the gateway, which unprotects what arrives.</summary>
public sealed class SendPathTests : IDisposable
{
    private const SrtpProfile Profile = SrtpProfile.AeadAes128Gcm;

    private readonly Socket _gateway = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly MediaTransport _transport = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly SrtpSession _gatewayInbound;
    private readonly SessionStatistics _statistics = new(() => []);

    public SendPathTests()
    {
        _gateway.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _gateway.ReceiveBufferSize = 8 * 1024 * 1024;
        byte[] own = RandomNumberGenerator.GetBytes(28);
        _transport.Start((IPEndPoint)_gateway.LocalEndPoint!, Profile, own, RandomNumberGenerator.GetBytes(28));
        _transport.Statistics = _statistics;
        _gatewayInbound = SrtpSession.Create(Profile, own.AsSpan(0, 16), own.AsSpan(16));
    }

    [Fact]
    public void SendOpus_WritesRtpWithPayloadType111_AudioLevelAndTheStampedFrame()
    {
        var audio = new AudioPublisher(77, 48000, _transport, _statistics, encryption: null, captureTimestamps: true);
        byte[] frame = [1, 2, 3, 4, 5];
        long before = CaptureTimestamp.NowMicroseconds();

        Assert.True(audio.SendOpus(frame, level: 30));
        Assert.True(audio.SendOpus(frame, level: 127));

        byte[] first = Receive(out int firstLength);
        Assert.Equal(SrtpResult.Ok, _gatewayInbound.UnprotectRtp(first, firstLength, out int end));
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(first.AsSpan(0, end), out RtpPacket packet));
        Assert.Equal(111, packet.PayloadType);
        Assert.Equal(77u, packet.Ssrc);
        Assert.True(packet.Extensions.TryGetAudioLevel(RtpFormats.AudioLevelExtensionId, out AudioLevel level));
        Assert.Equal(30, level.Level);
        Assert.True(level.VoiceActivity);
        Assert.True(CaptureTimestamp.TryRead(packet.Payload, out long stamp));
        Assert.InRange(stamp, before, CaptureTimestamp.NowMicroseconds());
        Assert.Equal(frame, packet.Payload[CaptureTimestamp.Length..].ToArray());
        ushort firstSequence = packet.SequenceNumber;
        uint firstTimestamp = packet.Timestamp;

        byte[] second = Receive(out int secondLength);
        Assert.Equal(SrtpResult.Ok, _gatewayInbound.UnprotectRtp(second, secondLength, out end));
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(second.AsSpan(0, end), out packet));
        Assert.Equal((ushort)(firstSequence + 1), packet.SequenceNumber);
        Assert.Equal(firstTimestamp + 960, packet.Timestamp);
        Assert.Equal(2, _statistics.Snapshot().PacketsSent);
    }

    [Fact]
    public void SendOpus_WithSFrame_CarriesACiphertextOnlyTheKeyHolderOpens()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        using var sender = new SFrameFrameEncryption();
        sender.SetSendKey(5, key);
        using var receiver = new SFrameFrameEncryption();
        receiver.AddReceiveKey(5, key);
        var audio = new AudioPublisher(78, 48000, _transport, _statistics, sender, captureTimestamps: false);
        byte[] frame = [9, 8, 7, 6, 5, 4, 3, 2, 1];

        Assert.True(audio.SendOpus(frame));

        byte[] datagram = Receive(out int length);
        Assert.Equal(SrtpResult.Ok, _gatewayInbound.UnprotectRtp(datagram, length, out int end));
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(datagram.AsSpan(0, end), out RtpPacket packet));
        Assert.NotEqual(frame, packet.Payload.ToArray());
        byte[] plain = new byte[64];
        Assert.Equal(FrameDecryptResult.Ok, receiver.TryUnprotect(78, packet.Payload, plain, out int written));
        Assert.Equal(frame, plain.AsSpan(0, written).ToArray());
        Assert.Equal(FrameDecryptResult.Replayed, receiver.TryUnprotect(78, packet.Payload, plain, out _));
    }

    [Fact]
    public void SendOpus_WithoutASendKey_IsACountedFailureNotASend()
    {
        using var keyless = new SFrameFrameEncryption();
        var audio = new AudioPublisher(79, 48000, _transport, _statistics, keyless, captureTimestamps: false);

        Assert.False(audio.SendOpus([1, 2, 3]));

        MediaStatisticsSnapshot s = _statistics.Snapshot();
        Assert.Equal(1, s.SendFailures);
        Assert.Equal(0, s.PacketsSent);
    }

    [Fact]
    public void SendFrame_SplitsVideoIntoDescribedPacketsWithTheMarkerOnTheLast()
    {
        var video = new VideoPublisher(80, _transport, _statistics, encryption: null, captureTimestamps: false);
        byte[] frame = new byte[2500];
        RandomNumberGenerator.Fill(frame);

        Assert.True(video.SendFrame(frame));

        var reassembled = new List<byte>();
        for (int i = 0; i < 3; i++)
        {
            byte[] datagram = Receive(out int length);
            Assert.Equal(SrtpResult.Ok, _gatewayInbound.UnprotectRtp(datagram, length, out int end));
            Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(datagram.AsSpan(0, end), out RtpPacket packet));
            Assert.Equal(96, packet.PayloadType);
            Assert.Equal(i == 0 ? 0x10 : 0x00, packet.Payload[0]);
            Assert.Equal(i == 2, packet.Marker);
            reassembled.AddRange(packet.Payload[1..].ToArray());
        }

        Assert.Equal(frame, reassembled.ToArray());
    }

    [Fact]
    public void SteadyState_SendOpusWithSFrame_AllocatesNothing()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        using var sender = new SFrameFrameEncryption();
        sender.SetSendKey(5, key);
        var audio = new AudioPublisher(81, 48000, _transport, _statistics, sender, captureTimestamps: true);
        byte[] frame = new byte[120];
        for (int i = 0; i < 100; i++)
        {
            audio.SendOpus(frame, level: 40);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3000; i++)
        {
            audio.SendOpus(frame, level: 40);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(3100, _statistics.Snapshot().PacketsSent);
        Assert.Equal(0, allocated);
    }

    public void Dispose()
    {
        _transport.Dispose();
        _gateway.Dispose();
        _gatewayInbound.Dispose();
    }

    private byte[] Receive(out int length)
    {
        byte[] buffer = new byte[2048];
        Assert.True(_gateway.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead), "nothing arrived");
        length = _gateway.Receive(buffer);
        return buffer;
    }
}
