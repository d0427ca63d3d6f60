using System.Buffers.Binary;
using Gateway.Routing;

namespace Gateway.Tests.Routing;

/// <summary>
/// Video RTP packets written by hand from the RFCs (not by the code under test): VP8 (RFC 7741) and H.264
/// (RFC 6184) payloads, and the AV1 dependency descriptor as an RFC 8285 one-byte header extension element.
/// </summary>
internal static class VideoPackets
{
    public const int Vp8PayloadType = 96;
    public const int H264PayloadType = 102;
    public const int DescriptorId = 5;

    /// <summary>VP8 descriptor S=1, PID=0, then a payload header with P=0 (key frame, show_frame) and the start code 9d 01 2a.</summary>
    public static readonly byte[] Vp8KeyframeStart = [0x10, 0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00];

    /// <summary>VP8 descriptor S=1, PID=0, then a payload header with P=1 (an inter frame).</summary>
    public static readonly byte[] Vp8InterStart = [0x10, 0x11, 0x02, 0x00, 0xAA, 0xBB, 0xCC];

    /// <summary>
    /// A later packet of a frame (S=0): its first VP8 byte has the low bit clear, which would read as P=0 if the
    /// descriptor were ignored; it starts nothing.
    /// </summary>
    public static readonly byte[] Vp8Continuation = [0x00, 0x10, 0x55, 0x66, 0x77];

    /// <summary>H.264 single NAL unit, a non-IDR slice (type 1, NRI 2).</summary>
    public static readonly byte[] H264NonIdr = [0x41, 0x9A, 0x02, 0x03];

    /// <summary>H.264 single NAL unit, an IDR slice (type 5, NRI 3).</summary>
    public static readonly byte[] H264SingleIdr = [0x65, 0x88, 0x84, 0x00];

    /// <summary>H.264 STAP-A (type 24) holding an SPS (type 7) and a PPS (type 8).</summary>
    public static readonly byte[] H264StapASpsPps = [0x78, 0x00, 0x04, 0x67, 0x42, 0xC0, 0x1F, 0x00, 0x03, 0x68, 0xCE, 0x3C];

    /// <summary>H.264 FU-A (indicator type 28) first fragment (S=1) of an IDR slice.</summary>
    public static readonly byte[] H264FuAIdrStart = [0x7C, 0x85, 0x88, 0x84, 0x21, 0xA0];

    /// <summary>H.264 FU-A middle fragment (S=0, E=0) of an IDR slice: part of a key frame, but not its start.</summary>
    public static readonly byte[] H264FuAIdrMiddle = [0x7C, 0x05, 0x11, 0x22, 0x33];

    /// <summary>H.264 FU-A end fragment (E=1) of an IDR slice.</summary>
    public static readonly byte[] H264FuAIdrEnd = [0x7C, 0x45, 0x44, 0x55];

    /// <summary>
    /// A dependency descriptor with start_of_frame, template 0, frame 1, and extended fields whose first bit,
    /// template_dependency_structure_present_flag, is set (the structure's bits follow; only the flag matters here).
    /// </summary>
    public static readonly byte[] DescriptorKeyframe = [0x80, 0x00, 0x01, 0x80, 0x00, 0x01, 0x40, 0x00];

    /// <summary>A dependency descriptor with start_of_frame, template 1, frame 2 and no extended fields: a delta frame's start.</summary>
    public static readonly byte[] DescriptorDeltaStart = [0x81, 0x00, 0x02];

    /// <summary>A dependency descriptor of a later packet of a frame (no start_of_frame).</summary>
    public static readonly byte[] DescriptorMiddle = [0x01, 0x00, 0x02];

    public static readonly IReadOnlyDictionary<int, VideoCodec> Codecs = new Dictionary<int, VideoCodec>
    {
        [Vp8PayloadType] = VideoCodec.Vp8,
        [H264PayloadType] = VideoCodec.H264,
    };

    /// <summary>A video track as the join path reads it from an offer mapping VP8 and H.264 (and, optionally, the descriptor).</summary>
    public static TrackSpec Track(uint ssrc, bool descriptor = false, uint? rtx = null) => new()
    {
        Kind = MediaKind.Video,
        Ssrc = ssrc,
        RtxSsrc = rtx,
        Mid = "1",
        PayloadCodecs = Codecs,
        DependencyDescriptorExtensionId = descriptor ? DescriptorId : null,
    };

    /// <summary>An RTP packet with <paramref name="payloadType"/>, and the descriptor element when <paramref name="descriptor"/> is not empty.</summary>
    public static byte[] Packet(uint ssrc, ushort sequence, uint timestamp, int payloadType, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> descriptor = default)
    {
        // RFC 8285 one-byte form: 0xBEDE, the length in words, then id/len-1 and the value, zero padded.
        int extensionWords = descriptor.IsEmpty ? 0 : (1 + descriptor.Length + 3) / 4;
        int headerLength = 12 + (descriptor.IsEmpty ? 0 : 4 + (extensionWords * 4));
        byte[] packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x80 | (descriptor.IsEmpty ? 0 : 0x10));
        packet[1] = (byte)payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        if (!descriptor.IsEmpty)
        {
            packet[12] = 0xBE;
            packet[13] = 0xDE;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14), (ushort)extensionWords);
            packet[16] = (byte)((DescriptorId << 4) | (descriptor.Length - 1));
            descriptor.CopyTo(packet.AsSpan(17));
        }

        payload.CopyTo(packet.AsSpan(headerLength));
        return packet;
    }

    public static ushort Sequence(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));

    public static uint Timestamp(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4));
}
