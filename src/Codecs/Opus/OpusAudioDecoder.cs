using System.Runtime.InteropServices;
using Concentus;

namespace Gateway.Codecs.Opus;

/// <summary>
/// An Opus decoder to 48 kHz PCM (Concentus underneath), with packet loss concealment and in-band FEC
/// recovery for the frames a jitter buffer reports missing.
/// </summary>
/// <remarks>
/// Packets are checked against RFC 6716 §3.4 (<see cref="OpusToc.TryParse"/>) before Concentus sees
/// them, so malformed input is a status, not an exception; Concentus signals the rarer corrupt-payload
/// cases only by throwing, which is caught here (a cold path). The managed Concentus 2.2.2 decoder
/// allocates scratch on every call (about 20 KB per mono and 23 KB per stereo 20 ms frame, 12 KB per
/// concealed frame, measured); this wrapper adds nothing. Not thread-safe: one decoder per stream.
/// </remarks>
public sealed class OpusAudioDecoder : IDisposable
{
    private readonly IOpusDecoder _decoder;

    /// <summary>Creates a decoder producing <paramref name="channels"/> interleaved channels (1 or 2), whatever the packets carry.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is not 1 or 2.</exception>
    public OpusAudioDecoder(int channels = 1)
    {
        if (channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 or 2.");
        }

        Channels = channels;
        _decoder = OpusCodecFactory.CreateDecoder(OpusFormat.SampleRate, channels, null);
    }

    /// <summary>1 or 2.</summary>
    public int Channels { get; }

    /// <summary>
    /// Decodes one Opus packet into <paramref name="pcm"/> (interleaved); <paramref name="samplesPerChannel"/>
    /// is the decoded duration (960 for a 20 ms packet). An empty <paramref name="packet"/> conceals one
    /// 20 ms frame (PLC), as <see cref="Conceal(Span{short}, int)"/>.
    /// </summary>
    public OpusStatus Decode(ReadOnlySpan<byte> packet, Span<short> pcm, out int samplesPerChannel) =>
        DecodePacket(packet, pcm, out samplesPerChannel);

    /// <summary>Decodes one Opus packet to float PCM (full scale ±1.0); otherwise as the 16-bit overload.</summary>
    public OpusStatus Decode(ReadOnlySpan<byte> packet, Span<float> pcm, out int samplesPerChannel) =>
        DecodePacket(packet, pcm, out samplesPerChannel);

    /// <summary>
    /// Packet loss concealment: synthesises <paramref name="samplesPerChannel"/> samples per channel
    /// (a multiple of 480, i.e. 10 ms; 960 by default) to stand in for a lost packet.
    /// </summary>
    public OpusStatus Conceal(Span<short> pcm, int samplesPerChannel = OpusFormat.FrameSamplesPerChannel) =>
        ConcealFrame(pcm, samplesPerChannel);

    /// <summary>Packet loss concealment into float PCM; otherwise as the 16-bit overload.</summary>
    public OpusStatus Conceal(Span<float> pcm, int samplesPerChannel = OpusFormat.FrameSamplesPerChannel) =>
        ConcealFrame(pcm, samplesPerChannel);

    /// <summary>
    /// Recovers the lost frame before <paramref name="nextPacket"/> from the in-band FEC that packet
    /// carries (SILK/hybrid packets from an encoder with FEC on); where it has none, Opus conceals
    /// instead. Afterwards decode <paramref name="nextPacket"/> itself as usual.
    /// </summary>
    public OpusStatus DecodeFec(ReadOnlySpan<byte> nextPacket, Span<short> pcm, int samplesPerChannel = OpusFormat.FrameSamplesPerChannel)
    {
        OpusStatus check = CheckConcealment(pcm.Length, samplesPerChannel);
        if (check != OpusStatus.Ok)
        {
            return check;
        }

        if (nextPacket.IsEmpty)
        {
            return Conceal(pcm, samplesPerChannel);
        }

        if (OpusToc.TryParse(nextPacket, out _) != OpusTocStatus.Ok)
        {
            return OpusStatus.MalformedPacket;
        }

        try
        {
            _decoder.Decode(nextPacket, pcm, samplesPerChannel, true);
            return OpusStatus.Ok;
        }
        catch (OpusException)
        {
            return OpusStatus.MalformedPacket;
        }
    }

    /// <summary>Forgets the decoder history (as after a stream restart).</summary>
    public void Reset() => _decoder.ResetState();

    /// <inheritdoc />
    public void Dispose() => _decoder.Dispose();

    /// <summary>Both <c>Decode</c> overloads: checks, then decodes or (for an empty packet) conceals one 20 ms frame.</summary>
    private OpusStatus DecodePacket<T>(ReadOnlySpan<byte> packet, Span<T> pcm, out int samplesPerChannel)
        where T : unmanaged
    {
        if (packet.IsEmpty)
        {
            samplesPerChannel = OpusFormat.FrameSamplesPerChannel;
            OpusStatus concealed = ConcealFrame(pcm, samplesPerChannel);
            samplesPerChannel = concealed == OpusStatus.Ok ? samplesPerChannel : 0;
            return concealed;
        }

        samplesPerChannel = 0;
        OpusStatus check = CheckPacket(packet, pcm.Length, out int capacity);
        if (check != OpusStatus.Ok)
        {
            return check;
        }

        try
        {
            samplesPerChannel = DecodeInto(packet, pcm, capacity, decodeFec: false);
            return OpusStatus.Ok;
        }
        catch (OpusException)
        {
            return OpusStatus.MalformedPacket;
        }
    }

    /// <summary>Both <c>Conceal</c> overloads.</summary>
    private OpusStatus ConcealFrame<T>(Span<T> pcm, int samplesPerChannel)
        where T : unmanaged
    {
        OpusStatus check = CheckConcealment(pcm.Length, samplesPerChannel);
        if (check != OpusStatus.Ok)
        {
            return check;
        }

        DecodeInto(ReadOnlySpan<byte>.Empty, pcm, samplesPerChannel, decodeFec: false);
        return OpusStatus.Ok;
    }

    /// <summary>
    /// The Concentus call for the sample type: <typeparamref name="T"/> is only ever <see cref="short"/> or
    /// <see cref="float"/> (the public overloads), so each cast is to the span's own type, and the JIT keeps
    /// only the branch for <typeparamref name="T"/>.
    /// </summary>
    private int DecodeInto<T>(ReadOnlySpan<byte> packet, Span<T> pcm, int samplesPerChannel, bool decodeFec)
        where T : unmanaged =>
        typeof(T) == typeof(short)
            ? _decoder.Decode(packet, MemoryMarshal.Cast<T, short>(pcm), samplesPerChannel, decodeFec)
            : _decoder.Decode(packet, MemoryMarshal.Cast<T, float>(pcm), samplesPerChannel, decodeFec);

    private OpusStatus CheckPacket(ReadOnlySpan<byte> packet, int pcmLength, out int capacity)
    {
        capacity = Math.Min(pcmLength / Channels, OpusFormat.MaxPacketSamplesPerChannel);
        if (OpusToc.TryParse(packet, out OpusToc toc) != OpusTocStatus.Ok)
        {
            return OpusStatus.MalformedPacket;
        }

        return toc.DurationSamples > capacity ? OpusStatus.PacketTooLong : OpusStatus.Ok;
    }

    private OpusStatus CheckConcealment(int pcmLength, int samplesPerChannel)
    {
        // Opus conceals in whole 10 ms steps (480 samples at 48 kHz) up to the 120 ms packet limit.
        if (samplesPerChannel <= 0 || samplesPerChannel % 480 != 0 || samplesPerChannel > OpusFormat.MaxPacketSamplesPerChannel)
        {
            return OpusStatus.WrongFrameLength;
        }

        return pcmLength < samplesPerChannel * Channels ? OpusStatus.DestinationTooSmall : OpusStatus.Ok;
    }
}
