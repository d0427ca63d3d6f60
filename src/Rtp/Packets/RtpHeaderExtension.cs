namespace Gateway.Rtp.Packets;

/// <summary>One RFC 8285 header extension element: its negotiated id and its value bytes (a view, not a copy).</summary>
public readonly ref struct RtpHeaderExtension
{
    internal RtpHeaderExtension(int id, ReadOnlySpan<byte> value)
    {
        Id = id;
        Value = value;
    }

    /// <summary>The local identifier negotiated with <c>a=extmap</c> (1..14 one-byte, 1..255 two-byte).</summary>
    public int Id { get; }

    /// <summary>The element's value.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
