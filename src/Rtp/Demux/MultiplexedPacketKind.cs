namespace Gateway.Rtp.Demux;

/// <summary>What a datagram on a multiplexed (bundled, rtcp-mux) port is, by its first bytes.</summary>
public enum MultiplexedPacketKind
{
    /// <summary>None of the protocols below: drop it.</summary>
    Unknown = 0,

    /// <summary>STUN (first byte 0..3, RFC 7983 §7).</summary>
    Stun,

    /// <summary>ZRTP (first byte 16..19).</summary>
    Zrtp,

    /// <summary>DTLS (first byte 20..63).</summary>
    Dtls,

    /// <summary>TURN channel data (first byte 64..79).</summary>
    TurnChannel,

    /// <summary>RTP (first byte 128..191, second byte outside 192..223).</summary>
    Rtp,

    /// <summary>RTCP (first byte 128..191, second byte — the packet type — in 192..223, RFC 5761 §4).</summary>
    Rtcp,
}
