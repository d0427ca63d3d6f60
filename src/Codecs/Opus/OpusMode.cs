namespace Gateway.Codecs.Opus;

/// <summary>The coding mode a TOC configuration selects (RFC 6716 §3.1, Table 2).</summary>
public enum OpusMode
{
    /// <summary>Linear prediction (SILK), configurations 0..11.</summary>
    Silk,

    /// <summary>SILK below 8 kHz plus CELT above, configurations 12..15.</summary>
    Hybrid,

    /// <summary>MDCT (CELT), configurations 16..31.</summary>
    Celt,
}
