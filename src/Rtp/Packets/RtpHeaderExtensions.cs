namespace Gateway.Rtp.Packets;

/// <summary>
/// The header extension of an RTP packet (RFC 3550 §5.3.1) read as RFC 8285 elements: a view over the
/// extension data, enumerated with <c>foreach</c> without allocating.
/// </summary>
/// <remarks>
/// Extension ids are negotiated per session (<c>a=extmap</c>), so every named accessor takes the id.
/// An accessor returns false when the element is absent, malformed, or of the wrong length.
/// </remarks>
public readonly ref struct RtpHeaderExtensions
{
    private readonly ReadOnlySpan<byte> _data;

    internal RtpHeaderExtensions(ushort profile, ReadOnlySpan<byte> data, bool present)
    {
        Profile = profile;
        _data = data;
        Form = present ? RtpExtensionElements.FormOf(profile) : RtpHeaderExtensionForm.None;
    }

    /// <summary>The layout: none, one-byte, two-byte, or another profile's opaque data.</summary>
    public RtpHeaderExtensionForm Form { get; }

    /// <summary>The 16-bit "defined by profile" field (0 when the packet has no extension).</summary>
    public ushort Profile { get; }

    /// <summary>The extension data after the 4-byte extension header, elements and padding included.</summary>
    public ReadOnlySpan<byte> Data => _data;

    private bool IsTwoByte => Form == RtpHeaderExtensionForm.TwoByte;

    private bool HasElements => Form is RtpHeaderExtensionForm.OneByte or RtpHeaderExtensionForm.TwoByte;

    /// <summary>An allocation-free enumerator over the elements (none for <see cref="RtpHeaderExtensionForm.None"/> and <see cref="RtpHeaderExtensionForm.Other"/>).</summary>
    public RtpHeaderExtensionEnumerator GetEnumerator() =>
        new(HasElements ? _data : default, IsTwoByte);

    /// <summary>True when every element fits in the extension data (padding and a one-byte id 15 stop are fine).</summary>
    public bool IsWellFormed()
    {
        RtpHeaderExtensionEnumerator elements = GetEnumerator();
        while (elements.MoveNext())
        {
        }

        return !elements.IsMalformed;
    }

    /// <summary>The value of the first element with <paramref name="id"/>.</summary>
    public bool TryFind(int id, out ReadOnlySpan<byte> value)
    {
        if (HasElements && id > 0 && RtpExtensionElements.TryFind(_data, IsTwoByte, id, out int offset, out int length))
        {
            value = _data.Slice(offset, length);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The RFC 6464 audio level in element <paramref name="id"/>.</summary>
    public bool TryGetAudioLevel(int id, out AudioLevel level)
    {
        level = default;
        return TryFind(id, out ReadOnlySpan<byte> value) && AudioLevel.TryRead(value, out level);
    }

    /// <summary>The abs-send-time (24-bit 6.18 fixed point seconds) in element <paramref name="id"/>.</summary>
    public bool TryGetAbsSendTime(int id, out uint sendTime)
    {
        sendTime = 0;
        return TryFind(id, out ReadOnlySpan<byte> value) && AbsSendTime.TryRead(value, out sendTime);
    }

    /// <summary>The transport-wide sequence number in element <paramref name="id"/>.</summary>
    public bool TryGetTransportSequenceNumber(int id, out ushort sequenceNumber)
    {
        sequenceNumber = 0;
        return TryFind(id, out ReadOnlySpan<byte> value) && TransportSequenceNumber.TryRead(value, out sequenceNumber);
    }

    /// <summary>
    /// The media identification (RFC 8843 §15.2, urn:ietf:params:rtp-hdrext:sdes:mid) in element
    /// <paramref name="id"/>: the identification-tag as ASCII bytes; false when absent or empty.
    /// </summary>
    public bool TryGetMid(int id, out ReadOnlySpan<byte> mid) => TryGetIdentifier(id, out mid);

    /// <summary>
    /// The RTP stream identifier (RFC 8852 §3.1, urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id, whose
    /// values are the rid-ids of RFC 8851) in element <paramref name="id"/>, as ASCII bytes; false when
    /// absent or empty. Pass the repaired-rtp-stream-id's id to read that one.
    /// </summary>
    public bool TryGetRid(int id, out ReadOnlySpan<byte> rid) => TryGetIdentifier(id, out rid);

    /// <summary>The mandatory fields of the AV1 dependency descriptor in element <paramref name="id"/>.</summary>
    public bool TryGetDependencyDescriptor(int id, out DependencyDescriptor descriptor)
    {
        descriptor = default;
        return TryFind(id, out ReadOnlySpan<byte> value) && DependencyDescriptor.TryRead(value, out descriptor);
    }

    private bool TryGetIdentifier(int id, out ReadOnlySpan<byte> identifier)
    {
        if (TryFind(id, out identifier) && !identifier.IsEmpty)
        {
            return true;
        }

        identifier = default;
        return false;
    }
}
