namespace Gateway.Codecs.H264;

/// <summary>The NAL unit types this detector names (ITU-T H.264 Table 7-1, RFC 6184 Table 1).</summary>
public static class H264NalUnitType
{
    /// <summary>Coded slice of a non-IDR picture.</summary>
    public const int Slice = 1;

    /// <summary>Coded slice of an IDR picture: a key frame.</summary>
    public const int IdrSlice = 5;

    /// <summary>Supplemental enhancement information.</summary>
    public const int Sei = 6;

    /// <summary>Sequence parameter set.</summary>
    public const int Sps = 7;

    /// <summary>Picture parameter set.</summary>
    public const int Pps = 8;

    /// <summary>Access unit delimiter.</summary>
    public const int AccessUnitDelimiter = 9;

    /// <summary>Single-time aggregation packet A (RFC 6184 §5.7.1).</summary>
    public const int StapA = 24;

    /// <summary>Fragmentation unit A (RFC 6184 §5.8).</summary>
    public const int FuA = 28;
}
