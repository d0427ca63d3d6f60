using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.Client.Encryption;
using Gateway.Client.Statistics;
using Gateway.Codecs.Vp8;
using Gateway.Rtp.Packets;

namespace Gateway.Client.Media;

/// <summary>
/// Publishes the session's video track: each frame (VP8 or any opaque frame) is end-to-end encrypted whole when
/// the session is (SFrame protects frames, not packets), then split into RTP packets of at most
/// <see cref="RtpFormats.MaxPayloadBytes"/> by <see cref="Vp8Packetizer"/>, each behind the one-byte VP8 payload descriptor
/// of RFC 7741 §4.2 (S set on the first), the marker bit on the last, and a 90 kHz timestamp from the send time. Allocation-free; serialised by a lock.
/// </summary>
public sealed class VideoPublisher
{
    /// <summary>The largest frame <see cref="SendFrame"/> takes.</summary>
    public const int MaxFrameBytes = 256 * 1024;

    private readonly Lock _sync = new();
    private readonly MediaTransport _transport;
    private readonly SessionStatistics _statistics;
    private readonly IFrameEncryption? _encryption;
    private readonly bool _captureTimestamps;
    private readonly byte[] _plain = new byte[MaxFrameBytes + 64];
    private readonly byte[] _sealed = new byte[MaxFrameBytes + 256];
    private readonly byte[] _packet = new byte[RtpFormats.MaxDatagramBytes];
    private readonly byte[] _payload = new byte[RtpFormats.MaxPayloadBytes];
    private readonly uint _timestampBase;
    private ushort _sequence;

    internal VideoPublisher(uint ssrc, MediaTransport transport, SessionStatistics statistics, IFrameEncryption? encryption, bool captureTimestamps)
    {
        Ssrc = ssrc;
        _transport = transport;
        _statistics = statistics;
        _encryption = encryption;
        _captureTimestamps = captureTimestamps;
        _sequence = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        _timestampBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    /// <summary>The track's SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>Sends one frame; false (counted) when it is too large, has no key yet, or a packet could not be sent.</summary>
    public bool SendFrame(ReadOnlySpan<byte> frame, long captureMicroseconds = 0)
    {
        if (frame.IsEmpty || frame.Length > MaxFrameBytes)
        {
            _statistics.CountSendFailure();
            return false;
        }

        lock (_sync)
        {
            if (!FramePayload.TryBuild(frame, _captureTimestamps, captureMicroseconds, _encryption, Ssrc, _plain, _sealed, out ReadOnlySpan<byte> payload))
            {
                _statistics.CountSendFailure();
                return false;
            }

            uint timestamp = _timestampBase + (uint)(Stopwatch.GetTimestamp() * (double)RtpFormats.VideoClockRate / Stopwatch.Frequency);
            var packetizer = new Vp8Packetizer(payload, default, RtpFormats.MaxPayloadBytes);
            bool ok = true;
            while (packetizer.HasNext)
            {
                var writer = new RtpPacketWriter(_packet);
                if (packetizer.TryWriteNext(_payload, out int written, out bool last) != Vp8DescriptorStatus.Ok
                    || !writer.TryWriteHeader(RtpFormats.VideoPayloadType, last, _sequence++, timestamp, Ssrc)
                    || !writer.TryWritePayload(_payload.AsSpan(0, written))
                    || !writer.TryFinish(0, out int packetLength))
                {
                    _statistics.CountSendFailure();
                    return false;
                }

                ok &= _transport.SendRtp(_packet, packetLength);
            }

            _statistics.CountFrameSent();
            return ok;
        }
    }
}
