using System.Runtime.InteropServices;
using Concentus;
using Concentus.Enums;

namespace Gateway.Codecs.Opus;

/// <summary>
/// An Opus encoder for 20 ms frames at 48 kHz (Concentus underneath): one frame of PCM in, one Opus
/// packet (one RTP payload, RFC 7587) out, written into the caller's buffer.
/// </summary>
/// <remarks>
/// This wrapper adds no allocation per frame, but the managed Concentus 2.2.2 encoder allocates its
/// scratch on every call (about 65 KB per mono and 105 KB per stereo 20 ms frame, measured); only a native
/// libopus, which Concentus uses when it finds <c>libopus.so</c>, avoids that. Not thread-safe: one
/// encoder per stream.
/// </remarks>
public sealed class OpusAudioEncoder : IDisposable
{
    private readonly IOpusEncoder _encoder;

    /// <summary>Creates an encoder with <paramref name="settings"/> (mono, 32 kb/s, complexity 10, Audio when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public OpusAudioEncoder(OpusEncoderSettings? settings = null)
    {
        settings ??= new OpusEncoderSettings();
        if (settings.Channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Channels, "Channels must be 1 or 2.");
        }

        Channels = settings.Channels;
        FrameSamples = OpusFormat.FrameSamplesPerChannel * Channels;
        OpusApplication application = settings.Application == OpusApplicationMode.Voip
            ? OpusApplication.OPUS_APPLICATION_VOIP
            : OpusApplication.OPUS_APPLICATION_AUDIO;
        _encoder = OpusCodecFactory.CreateEncoder(OpusFormat.SampleRate, Channels, application, null);
        Application = settings.Application;
        Bitrate = settings.Bitrate;
        Complexity = settings.Complexity;
        InbandFec = settings.InbandFec;
        ExpectedLossPercent = settings.ExpectedLossPercent;
        _encoder.UseVBR = !settings.ConstantBitrate;
    }

    /// <summary>1 or 2.</summary>
    public int Channels { get; }

    /// <summary>The application hint the encoder was made with.</summary>
    public OpusApplicationMode Application { get; }

    /// <summary>Interleaved samples in one 20 ms frame: 960 x <see cref="Channels"/>.</summary>
    public int FrameSamples { get; }

    /// <summary>The encoder's look-ahead in samples per channel at 48 kHz (the codec delay, 312 here).</summary>
    public int LookaheadSamples => _encoder.Lookahead;

    /// <summary>Target bitrate in bits per second, 6000..510000; takes effect from the next frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public int Bitrate
    {
        get => _encoder.Bitrate;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 6_000);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 510_000);
            _encoder.Bitrate = value;
        }
    }

    /// <summary>Complexity 0..10; takes effect from the next frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public int Complexity
    {
        get => _encoder.Complexity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10);
            _encoder.Complexity = value;
        }
    }

    /// <summary>In-band FEC on or off (it only has an effect in SILK and hybrid modes, with a non-zero expected loss).</summary>
    public bool InbandFec
    {
        get => _encoder.UseInbandFEC;
        set => _encoder.UseInbandFEC = value;
    }

    /// <summary>Expected packet loss 0..100 %, which sizes the FEC the encoder spends.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public int ExpectedLossPercent
    {
        get => _encoder.PacketLossPercent;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
            _encoder.PacketLossPercent = value;
        }
    }

    /// <summary>
    /// Encodes one 20 ms frame of interleaved 16-bit PCM (<see cref="FrameSamples"/> samples) into
    /// <paramref name="destination"/>; <paramref name="written"/> is the packet length.
    /// </summary>
    public OpusStatus Encode(ReadOnlySpan<short> pcm, Span<byte> destination, out int written) => EncodeFrame(pcm, destination, out written);

    /// <summary>Encodes one 20 ms frame of interleaved float PCM (full scale ±1.0); otherwise as the 16-bit overload.</summary>
    public OpusStatus Encode(ReadOnlySpan<float> pcm, Span<byte> destination, out int written) => EncodeFrame(pcm, destination, out written);

    /// <summary>Forgets the signal history (as after a new stream start); settings stay.</summary>
    public void Reset() => _encoder.ResetState();

    // One path for both sample types: T is only ever short or float (the public overloads).
    private OpusStatus EncodeFrame<T>(ReadOnlySpan<T> pcm, Span<byte> destination, out int written)
        where T : unmanaged
    {
        written = 0;
        OpusStatus check = Check(pcm.Length, destination.Length);
        if (check != OpusStatus.Ok)
        {
            return check;
        }

        try
        {
            written = typeof(T) == typeof(short)
                ? _encoder.Encode(MemoryMarshal.Cast<T, short>(pcm), OpusFormat.FrameSamplesPerChannel, destination, MaxBytes(destination))
                : _encoder.Encode(MemoryMarshal.Cast<T, float>(pcm), OpusFormat.FrameSamplesPerChannel, destination, MaxBytes(destination));
            return OpusStatus.Ok;
        }
        catch (OpusException)
        {
            // Concentus reports a buffer it cannot fit even a minimal packet into only by throwing.
            return OpusStatus.DestinationTooSmall;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();

    private OpusStatus Check(int pcmLength, int destinationLength)
    {
        if (pcmLength != FrameSamples)
        {
            return OpusStatus.WrongFrameLength;
        }

        // A TOC byte and at least one byte of frame data.
        return destinationLength < 2 ? OpusStatus.DestinationTooSmall : OpusStatus.Ok;
    }

    private static int MaxBytes(Span<byte> destination) => Math.Min(destination.Length, OpusFormat.MaxFrameBytes);
}
