namespace Gateway.Rtp.Packets;

/// <summary>How the header extension of a packet is laid out.</summary>
public enum RtpHeaderExtensionForm
{
    /// <summary>The packet has no header extension (X is 0).</summary>
    None = 0,

    /// <summary>RFC 8285 §4.2 one-byte header: profile 0xBEDE, ids 1..14, values of 1..16 bytes.</summary>
    OneByte,

    /// <summary>RFC 8285 §4.3 two-byte header: profile 0x100 followed by 4 application bits (0x1000..0x100F), ids 1..255, values of 0..255 bytes.</summary>
    TwoByte,

    /// <summary>An extension that is not RFC 8285 (another profile value): its data is opaque and holds no elements.</summary>
    Other,
}
