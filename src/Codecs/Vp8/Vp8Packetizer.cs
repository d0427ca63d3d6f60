namespace Gateway.Codecs.Vp8;

/// <summary>
/// Splits one VP8 frame into RTP payloads of at most a given size, each a payload descriptor
/// (RFC 7741 §4.2) followed by a fragment of the frame, the fragments as equal as possible.
/// </summary>
/// <remarks>
/// The whole frame is treated as partition 0 (PID=0 everywhere, S=1 on the first packet only), which
/// §4.4 allows when the partition boundaries are not exposed. The last packet of the frame is the one
/// to carry the RTP marker bit (§4.1). Usage:
/// <code>
/// var packetizer = new Vp8Packetizer(frame, descriptor, maxPayloadSize: 1200);
/// while (packetizer.HasNext)
/// {
///     packetizer.TryWriteNext(payloadBuffer, out int written, out bool marker);
///     ...
/// }
/// </code>
/// </remarks>
public ref struct Vp8Packetizer
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly Vp8PayloadDescriptor _descriptor;
    private readonly int _baseFragment;
    private readonly int _largerFragments;
    private int _offset;
    private int _index;

    /// <summary>
    /// Prepares to split <paramref name="frame"/>; <paramref name="descriptor"/> gives the fields every
    /// packet repeats (PictureID, TL0PICIDX, TID/Y, KEYIDX, N); its S and PID are set here.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPayloadSize"/> leaves no room after the descriptor.</exception>
    public Vp8Packetizer(ReadOnlySpan<byte> frame, Vp8PayloadDescriptor descriptor, int maxPayloadSize)
    {
        _descriptor = descriptor with { PartitionIndex = 0, StartOfPartition = false };
        int capacity = maxPayloadSize - _descriptor.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1, nameof(maxPayloadSize));
        _frame = frame;
        PacketCount = CountPackets(frame.Length, _descriptor.Length, maxPayloadSize);
        _baseFragment = PacketCount == 0 ? 0 : frame.Length / PacketCount;
        _largerFragments = PacketCount == 0 ? 0 : frame.Length % PacketCount;
    }

    /// <summary>How many payloads the frame takes.</summary>
    public readonly int PacketCount { get; }

    /// <summary>Whether a payload remains to be written.</summary>
    public readonly bool HasNext => _index < PacketCount;

    /// <summary>Payloads needed for a frame of <paramref name="frameLength"/> bytes with descriptors of <paramref name="descriptorLength"/> bytes; 0 when nothing fits.</summary>
    public static int CountPackets(int frameLength, int descriptorLength, int maxPayloadSize)
    {
        int capacity = maxPayloadSize - descriptorLength;
        return frameLength <= 0 || capacity <= 0 ? 0 : (frameLength + capacity - 1) / capacity;
    }

    /// <summary>
    /// Writes the next payload (descriptor + fragment) into <paramref name="destination"/>;
    /// <paramref name="isLast"/> marks the frame's last packet (set the RTP marker).
    /// <see cref="Vp8DescriptorStatus.Truncated"/> when <paramref name="destination"/> is too small or no payload is left.
    /// </summary>
    public Vp8DescriptorStatus TryWriteNext(Span<byte> destination, out int written, out bool isLast)
    {
        written = 0;
        isLast = false;
        if (!HasNext)
        {
            return Vp8DescriptorStatus.Truncated;
        }

        int fragment = _baseFragment + (_index < _largerFragments ? 1 : 0);
        Vp8PayloadDescriptor descriptor = _descriptor with { StartOfPartition = _index == 0 };
        int headerLength = descriptor.Length;
        if (destination.Length < headerLength + fragment)
        {
            return Vp8DescriptorStatus.Truncated;
        }

        Vp8DescriptorStatus status = descriptor.TryWrite(destination, out headerLength);
        if (status != Vp8DescriptorStatus.Ok)
        {
            return status;
        }

        _frame.Slice(_offset, fragment).CopyTo(destination[headerLength..]);
        _offset += fragment;
        _index++;
        written = headerLength + fragment;
        isLast = _index == PacketCount;
        return Vp8DescriptorStatus.Ok;
    }
}
