namespace Gateway.Rtp.Packets;

/// <summary>The outcome of an <see cref="RtpHeaderExtensionEditor"/> operation; on any failure the packet is unchanged.</summary>
public enum RtpExtensionEditResult
{
    /// <summary>Done; the new packet length is returned.</summary>
    Ok = 0,

    /// <summary>The bytes are not a valid RTP packet (see <see cref="RtpPacket.TryParse"/>).</summary>
    InvalidPacket,

    /// <summary>The id is outside 1..255 or the value is longer than 255 bytes.</summary>
    InvalidElement,

    /// <summary>The packet carries a header extension that is not RFC 8285 (another profile); it is left alone.</summary>
    UnsupportedProfile,

    /// <summary>An existing element runs past the end of the extension data.</summary>
    MalformedExtension,

    /// <summary>The buffer has no room for the longer packet (or the extension would exceed 65535 words).</summary>
    BufferTooSmall,

    /// <summary>No element has the id (remove only).</summary>
    NotFound,
}
