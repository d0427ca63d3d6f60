namespace Gateway.Rtp.Rtcp;

/// <summary>RTCP packet type values (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611).</summary>
public static class RtcpPacketType
{
    /// <summary>SR, sender report (RFC 3550 §6.4.1).</summary>
    public const int SenderReport = 200;

    /// <summary>RR, receiver report (RFC 3550 §6.4.2).</summary>
    public const int ReceiverReport = 201;

    /// <summary>SDES, source description (RFC 3550 §6.5).</summary>
    public const int SourceDescription = 202;

    /// <summary>BYE, goodbye (RFC 3550 §6.6).</summary>
    public const int Goodbye = 203;

    /// <summary>APP, application-defined (RFC 3550 §6.7).</summary>
    public const int ApplicationDefined = 204;

    /// <summary>RTPFB, transport layer feedback (RFC 4585 §6.2): generic NACK, transport-wide CC.</summary>
    public const int TransportFeedback = 205;

    /// <summary>PSFB, payload-specific feedback (RFC 4585 §6.3): PLI, FIR, REMB.</summary>
    public const int PayloadFeedback = 206;

    /// <summary>XR, extended report (RFC 3611).</summary>
    public const int ExtendedReport = 207;
}
