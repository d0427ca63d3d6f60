namespace Gateway.Rtp.Demux;

/// <summary>
/// Demultiplexes a datagram on a port shared by STUN, DTLS and SRTP/SRTCP (RFC 7983 §7) and splits RTP
/// from RTCP on an rtcp-mux port (RFC 5761 §4). Looks at two bytes at most; never allocates.
/// </summary>
/// <remarks>
/// RFC 7983 §7, on the first byte B:
/// <code>
///              +----------------+
///              |        [0..3] -+--> forward to STUN
///              |      [16..19] -+--> forward to ZRTP
///  packet -->  |      [20..63] -+--> forward to DTLS
///              |      [64..79] -+--> forward to TURN Channel
///              |    [128..191] -+--> forward to RTP/RTCP
///              +----------------+
/// </code>
/// RFC 5761 §4: the RTCP packet type sits where the RTP marker bit and payload type are. RTCP packet types
/// 192..223 (SR 200 to XR 207 and the rest of the range) collide only with RTP payload types 64..95 with
/// the marker set, and RFC 5761 forbids those payload types on a multiplexed port; so a second byte in
/// 192..223 is RTCP and anything else is RTP.
/// </remarks>
public static class PacketClassifier
{
    /// <summary>The lowest second byte that means RTCP.</summary>
    public const int FirstRtcpPacketType = 192;

    /// <summary>The highest second byte that means RTCP.</summary>
    public const int LastRtcpPacketType = 223;

    /// <summary>
    /// Classifies <paramref name="datagram"/> by its first byte (and for RTP/RTCP its second). Empty datagrams,
    /// first bytes outside the table, and a lone RTP/RTCP first byte are <see cref="MultiplexedPacketKind.Unknown"/>.
    /// </summary>
    public static MultiplexedPacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return MultiplexedPacketKind.Unknown;
        }

        return datagram[0] switch
        {
            <= 3 => MultiplexedPacketKind.Stun,
            >= 16 and <= 19 => MultiplexedPacketKind.Zrtp,
            >= 20 and <= 63 => MultiplexedPacketKind.Dtls,
            >= 64 and <= 79 => MultiplexedPacketKind.TurnChannel,
            >= 128 and <= 191 when datagram.Length >= 2 => IsRtcpPacketType(datagram[1]) ? MultiplexedPacketKind.Rtcp : MultiplexedPacketKind.Rtp,
            _ => MultiplexedPacketKind.Unknown,
        };
    }

    /// <summary>
    /// True when a datagram already known to be RTP or RTCP (first byte 128..191) is RTCP, by RFC 5761 §4.
    /// False for a datagram shorter than 2 bytes.
    /// </summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) => datagram.Length >= 2 && IsRtcpPacketType(datagram[1]);

    private static bool IsRtcpPacketType(byte secondByte) => secondByte is >= FirstRtcpPacketType and <= LastRtcpPacketType;
}
