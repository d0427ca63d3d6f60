namespace Gateway.Rtp.Rtcp;

/// <summary>Why an RTCP parser rejected its input; <see cref="Ok"/> when it did not. Shared by every RTCP view.</summary>
public enum RtcpParseResult
{
    /// <summary>Well-formed.</summary>
    Ok = 0,

    /// <summary>Fewer bytes than the 4-byte common header, or than the fixed part of the packet type.</summary>
    TooShort,

    /// <summary>The version field is not 2.</summary>
    BadVersion,

    /// <summary>The length field runs past the end of the data, or a length that must be a multiple of an entry size is not.</summary>
    BadLength,

    /// <summary>P is set but the padding count is 0 or larger than the packet body, or P is set on a packet that is not the last of a compound packet.</summary>
    BadPadding,

    /// <summary>The packet type (or feedback message type, or REMB identifier) is not the one this view reads.</summary>
    WrongType,

    /// <summary>The count field (RC, SC, number of SSRCs) asks for more entries than the packet holds.</summary>
    BadCount,

    /// <summary>An SDES item, SDES chunk or BYE reason runs past the end of the packet.</summary>
    BadItem,

    /// <summary>Transport-wide feedback whose status chunks or receive deltas run out, or that uses the reserved status symbol.</summary>
    BadFeedback,

    /// <summary>The caller's destination span is too small for the entries the packet holds.</summary>
    DestinationTooSmall,
}
