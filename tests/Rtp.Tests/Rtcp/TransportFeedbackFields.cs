namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>The fixed fields of a transport-wide feedback packet, compared as one value in the tests.</summary>
internal readonly record struct TransportFeedbackFields(
    uint SenderSsrc, uint MediaSsrc, ushort BaseSequenceNumber, int PacketStatusCount, int ReferenceTime, int FeedbackPacketCount);
