namespace Gateway.Rtp.Packets;

/// <summary>The outcome of reading one RFC 8285 element.</summary>
internal enum ElementRead
{
    /// <summary>An element was read.</summary>
    Element,

    /// <summary>No more elements: the data ended (possibly after padding) or a one-byte id 15 stopped processing.</summary>
    End,

    /// <summary>An element header or value runs past the end of the extension data.</summary>
    Malformed,
}
