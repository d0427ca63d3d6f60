namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>
/// RTCP packets captured from browsers, as printed in pion/rtcp's public tests (bytes only; read, not copied
/// code): packet_test.go's dump, receiver_estimated_maximum_bitrate_test.go and transport_layer_cc_test.go.
/// </summary>
internal static class RtcpCaptures
{
    /// <summary>A compound packet from a packet dump: RR with one block, SDES with a Firefox-style CNAME, BYE, PLI.</summary>
    public static byte[] ReceiverReportSdesByePli() => Convert.FromHexString(
        "81C90007" + "902F9E2E" + "BC5E9A40" + "00000000" + "000046E1" + "00000111" + "09F36432" + "00024A79"
        + "81CA000C" + "902F9E2E" + "0126" + Convert.ToHexString("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}"u8) + "00000000"
        + "81CB0001" + "902F9E2E"
        + "81CE0002" + "902F9E2E" + "902F9E2E");

    /// <summary>REMB sent by Chrome while watching a 6 Mb/s stream: exp 6, mantissa 139487 (8,927,168 b/s), SSRC 1215622422.</summary>
    public static byte[] ChromeRemb() =>
        [143, 206, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 82, 69, 77, 66, 1, 26, 32, 223, 72, 116, 237, 22];

    /// <summary>Chrome transport-wide feedback: base 153, one packet received with a 37 ms delta; P set, 1 byte of padding.</summary>
    public static byte[] ChromeTwccOnePacket() =>
    [
        0xaf, 0xcd, 0x00, 0x05, 0xfa, 0x17, 0xfa, 0x17, 0x43, 0x03, 0x2f, 0xa0, 0x00, 0x99, 0x00, 0x01,
        0x3d, 0xe8, 0x02, 0x17, 0x20, 0x01, 0x94, 0x01,
    ];

    /// <summary>Chrome transport-wide feedback: base 4, a run of 7 small deltas; P set, 3 bytes of padding.</summary>
    public static byte[] ChromeTwccRunOfSeven() =>
    [
        0xaf, 0xcd, 0x00, 0x07, 0xfa, 0x17, 0xfa, 0x17, 0x19, 0x3d, 0xd8, 0xbb, 0x00, 0x04, 0x00, 0x07,
        0x10, 0x63, 0x6e, 0x01, 0x20, 0x07, 0x4c, 0x24, 0x24, 0x10, 0x0c, 0x0c, 0x10, 0x00, 0x00, 0x03,
    ];

    /// <summary>
    /// Chrome transport-wide feedback: base 34108, 9 statuses from a two-bit vector (5 small, 1 lost, 1 large)
    /// and a run-length chunk of 48 lost (of which only 2 are counted); P set, 1 byte of padding.
    /// </summary>
    public static byte[] ChromeTwccMixed() =>
    [
        0xaf, 0xcd, 0x00, 0x07, 0x9b, 0x74, 0xf6, 0x1f, 0x93, 0x71, 0xdc, 0xbc, 0x85, 0x3c, 0x00, 0x09,
        0x63, 0xf9, 0x16, 0xb3, 0xd5, 0x52, 0x00, 0x30, 0x9b, 0xaa, 0x6a, 0xaa, 0x7b, 0x01, 0x09, 0x01,
    ];
}
