using BenchmarkDotNet.Attributes;
using Gateway.Rtp.Packets;

namespace Gateway.Benchmarks.Packets;

/// <summary>
/// Reading an RTP packet as the router does, per packet: <see cref="RtpPacket.TryParse"/> and the header
/// fields; then walking every RFC 8285 header extension element; then finding one element (the
/// transport-wide sequence number) by id. The packet: 12-byte header, one-byte-form extension with audio
/// level (id 1), abs-send-time (id 3) and transport-wide sequence number (id 5), 160-byte payload.
/// </summary>
[MemoryDiagnoser]
public class RtpParseBenchmarks
{
    private const int AudioLevelId = 1;
    private const int AbsSendTimeId = 3;
    private const int TransportSequenceId = 5;

    private byte[] _packet = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] buffer = new byte[1500];
        var writer = new RtpPacketWriter(buffer);
        if (!(writer.TryWriteHeader(111, marker: false, 4242, 960 * 4242u, 0x1234_5678)
            && writer.TryAddAudioLevel(AudioLevelId, new AudioLevel(voiceActivity: true, 30))
            && writer.TryAddAbsSendTime(AbsSendTimeId, 0x12_3456)
            && writer.TryAddTransportSequenceNumber(TransportSequenceId, 777)
            && writer.TryWritePayload(new byte[160])
            && writer.TryFinish(0, out int length)))
        {
            throw new InvalidOperationException("could not write the RTP packet");
        }

        _packet = buffer[..length];
        if (TryParse() == 0 || TryParseAndEnumerateExtensions() != 3 + (AudioLevelId + AbsSendTimeId + TransportSequenceId) || TryParseAndFindTransportSequence() != 777)
        {
            throw new InvalidOperationException("the RTP packet did not parse as written");
        }
    }

    /// <summary>Validate the header and read what routing needs: SSRC, sequence number, payload type, marker.</summary>
    [Benchmark(Baseline = true)]
    public int TryParse()
    {
        if (RtpPacket.TryParse(_packet, out RtpPacket rtp) != RtpParseResult.Ok)
        {
            return 0;
        }

        return (int)rtp.Ssrc ^ rtp.SequenceNumber ^ rtp.PayloadType ^ (rtp.Marker ? 1 << 30 : 0) ^ rtp.Payload.Length;
    }

    /// <summary>Parse, then walk every extension element: returns the element count plus the ids (or -1 when malformed).</summary>
    [Benchmark]
    public int TryParseAndEnumerateExtensions()
    {
        if (RtpPacket.TryParse(_packet, out RtpPacket rtp) != RtpParseResult.Ok)
        {
            return 0;
        }

        int sum = 0;
        RtpHeaderExtensionEnumerator elements = rtp.Extensions.GetEnumerator();
        while (elements.MoveNext())
        {
            RtpHeaderExtension element = elements.Current;
            sum += 1 + element.Id + (element.Value.Length == 0 ? 1000 : 0);
        }

        return elements.IsMalformed ? -1 : sum;
    }

    /// <summary>Parse, then find the transport-wide sequence number element by id.</summary>
    [Benchmark]
    public int TryParseAndFindTransportSequence()
    {
        if (RtpPacket.TryParse(_packet, out RtpPacket rtp) != RtpParseResult.Ok)
        {
            return 0;
        }

        return rtp.Extensions.TryGetTransportSequenceNumber(TransportSequenceId, out ushort sequence) ? sequence : -1;
    }
}
