using System.Security.Cryptography;
using Gateway.Client.Encryption;
using Gateway.Client.Statistics;
using Gateway.Codecs.Audio;
using Gateway.Rtp.Packets;

namespace Gateway.Client.Media;

/// <summary>
/// Publishes the session's audio track: each 20 ms frame becomes one RTP packet (payload type 111, 48 kHz clock,
/// RFC 6464 audio level in extension 1, its V flag from a <see cref="VoiceActivityDetector"/>), end-to-end encrypted when the session is, SRTP-protected and sent.
/// Sequence number and timestamp start at random values (RFC 3550 §5.1). Every call reuses the publisher's
/// preallocated buffers: sending allocates nothing. Calls are serialised by a lock, so any thread may send.
/// </summary>
public sealed class AudioPublisher : IDisposable
{
    private const int MaxOpusBytes = 1000;

    private readonly Lock _sync = new();
    private readonly MediaTransport _transport;
    private readonly SessionStatistics _statistics;
    private readonly IFrameEncryption? _encryption;
    private readonly bool _captureTimestamps;
    private readonly byte[] _opus = new byte[MaxOpusBytes];
    private readonly byte[] _plain = new byte[RtpFormats.MaxDatagramBytes];
    private readonly byte[] _sealed = new byte[RtpFormats.MaxDatagramBytes];
    private readonly byte[] _packet = new byte[RtpFormats.MaxDatagramBytes];
    private readonly VoiceActivityDetector _voiceActivity = new();
    private AudioFrameEncoder? _encoder;
    private bool _disposed;
    private ushort _sequence;
    private uint _timestamp;

    internal AudioPublisher(uint ssrc, int opusBitrate, MediaTransport transport, SessionStatistics statistics, IFrameEncryption? encryption, bool captureTimestamps)
    {
        Ssrc = ssrc;
        OpusBitrate = opusBitrate;
        _transport = transport;
        _statistics = statistics;
        _encryption = encryption;
        _captureTimestamps = captureTimestamps;
        _sequence = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        _timestamp = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    /// <summary>The track's SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>The Opus bitrate <see cref="SendPcm"/> encodes at, in bits per second.</summary>
    public int OpusBitrate { get; }

    /// <summary>
    /// Encodes one 20 ms frame of mono 48 kHz PCM (<see cref="RtpFormats.SamplesPerFrame"/> samples) with Opus and sends it,
    /// with its audio level measured from the samples. False (counted as a send failure) when it could not be sent.
    /// </summary>
    public bool SendPcm(ReadOnlySpan<short> pcm, long captureMicroseconds = 0)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                _statistics.CountSendFailure();
                return false;
            }

            _encoder ??= new AudioFrameEncoder(OpusBitrate);
            int length = _encoder.Encode(pcm, _opus);
            if (length <= 0)
            {
                _statistics.CountSendFailure();
                return false;
            }

            return SendCore(_opus.AsSpan(0, length), AudioFrameEncoder.MeasureLevel(pcm), captureMicroseconds);
        }
    }

    /// <summary>
    /// Sends one already encoded Opus packet (20 ms) with <paramref name="level"/> as its audio level (0 loudest …
    /// 127 silence, −dBov). <paramref name="captureMicroseconds"/> (Unix µs) stamps the frame when capture timestamps
    /// are on; 0 takes the current time.
    /// </summary>
    public bool SendOpus(ReadOnlySpan<byte> opusPacket, int level = AudioLevel.Silence, long captureMicroseconds = 0)
    {
        if (opusPacket.IsEmpty || opusPacket.Length > MaxOpusBytes)
        {
            _statistics.CountSendFailure();
            return false;
        }

        lock (_sync)
        {
            return SendCore(opusPacket, Math.Clamp(level, 0, AudioLevel.Silence), captureMicroseconds);
        }
    }

    /// <summary>Releases the Opus encoder; the session does this when it ends. <see cref="SendPcm"/> fails (counted) afterwards.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _encoder?.Dispose();
            _encoder = null;
        }
    }

    private bool SendCore(ReadOnlySpan<byte> opusPacket, int level, long captureMicroseconds)
    {
        ushort sequence = _sequence;
        uint timestamp = _timestamp;
        _sequence++;
        _timestamp += RtpFormats.SamplesPerFrame;

        if (!FramePayload.TryBuild(opusPacket, _captureTimestamps, captureMicroseconds, _encryption, Ssrc, _plain, _sealed, out ReadOnlySpan<byte> payload))
        {
            _statistics.CountSendFailure();
            return false;
        }

        var writer = new RtpPacketWriter(_packet);
        if (!writer.TryWriteHeader(RtpFormats.OpusPayloadType, false, sequence, timestamp, Ssrc)
            || !writer.TryAddAudioLevel(RtpFormats.AudioLevelExtensionId, new AudioLevel(voiceActivity: _voiceActivity.Update(level), level: level))
            || !writer.TryWritePayload(payload)
            || !writer.TryFinish(0, out int length))
        {
            _statistics.CountSendFailure();
            return false;
        }

        _statistics.CountFrameSent();
        return _transport.SendRtp(_packet, length);
    }
}
