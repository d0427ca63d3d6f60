namespace Gateway.Rtp.Packets;

/// <summary>Why <see cref="RtpPacket.TryParse"/> rejected a datagram; <see cref="Ok"/> when it did not.</summary>
/// <remarks>The checks are those of RFC 3550 §5.1 and the header validity checks of Appendix A.1.</remarks>
public enum RtpParseResult
{
    /// <summary>The packet is a well-formed RTP packet.</summary>
    Ok = 0,

    /// <summary>Fewer than the 12 bytes of the fixed header.</summary>
    TooShort,

    /// <summary>The version field is not 2.</summary>
    BadVersion,

    /// <summary>The CSRC list (CC × 4 bytes) runs past the end of the packet.</summary>
    BadCsrcCount,

    /// <summary>X is set but the extension header, or the extension data its length word declares, runs past the end of the packet.</summary>
    BadExtension,

    /// <summary>P is set but the last byte (the padding count) is 0 or larger than the bytes after the header.</summary>
    BadPadding,
}
