using Gateway.Client.Statistics;
using Gateway.Codecs.Vp8;
using Gateway.Rtp.Packets;

namespace Gateway.Client.Media.Video;

/// <summary>
/// One remote video track's receive path: sequence accounting and jitter per packet, then reassembly of each frame
/// from its VP8 payload descriptors (RFC 7741 §4.2: S on the first packet, the marker on the last) into a
/// preallocated buffer; a complete frame is decrypted end to end and stamped for latency. A frame missing a packet
/// is dropped and counted.
/// </summary>
internal sealed class VideoReceiver
{
    private readonly RemoteTrack _track;
    private readonly ReceiveContext _context;
    private readonly RemoteTrackStatistics _stats;
    private readonly byte[] _frame = new byte[VideoPublisher.MaxFrameBytes + 512];
    private readonly byte[] _scratch = new byte[VideoPublisher.MaxFrameBytes + 512];
    private ArrivalTracker _arrivals = new(RtpFormats.VideoClockRate);
    private bool _assembling;
    private long _expected;
    private int _length;

    public VideoReceiver(RemoteTrack track, ReceiveContext context)
    {
        _track = track;
        _context = context;
        _stats = track.Statistics;
    }

    /// <summary>Frames dropped because a packet of them was missing or the frame was too large.</summary>
    public long IncompleteFrames { get; private set; }

    public void OnPacket(RtpPacket packet, long arrivalTimestamp)
    {
        long extended = _arrivals.Accept(packet.SequenceNumber, packet.Timestamp, arrivalTimestamp, _stats);
        if (extended < 0)
        {
            return;
        }

        if (Vp8PayloadDescriptor.TryParse(packet.Payload, out Vp8PayloadDescriptor descriptor, out int descriptorLength) != Vp8DescriptorStatus.Ok)
        {
            _context.Statistics.CountMalformed();
            return;
        }

        ReadOnlySpan<byte> data = packet.Payload[descriptorLength..];

        // A frame starts at the start of its first partition (RFC 7741 §4.2: S set, PID 0).
        bool start = descriptor.StartOfPartition && descriptor.PartitionIndex == 0;
        if (start)
        {
            if (_assembling)
            {
                IncompleteFrames++;
            }

            _assembling = true;
            _length = 0;
        }
        else if (!_assembling || extended != _expected)
        {
            if (_assembling)
            {
                IncompleteFrames++;
            }

            _assembling = false;
            return;
        }

        if (_length + data.Length > _frame.Length)
        {
            IncompleteFrames++;
            _assembling = false;
            return;
        }

        data.CopyTo(_frame.AsSpan(_length));
        _length += data.Length;
        _expected = extended + 1;
        if (packet.Marker)
        {
            _assembling = false;
            if (FrameOpener.TryOpen(_frame.AsSpan(0, _length), _track.Ssrc, _track.EndToEndEncrypted, _context, _stats, _scratch, out _))
            {
                _stats.Frames++;
            }
        }
    }
}
