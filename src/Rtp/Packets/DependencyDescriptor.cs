namespace Gateway.Rtp.Packets;

/// <summary>
/// The mandatory fields of the AV1 dependency descriptor header extension (AV1 RTP specification,
/// Appendix A, https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension),
/// which VP8, VP9 and AV1 simulcast/SVC senders attach so that a relay can select layers without
/// reading the (here end-to-end encrypted) payload. Read only: the extended fields (template structure,
/// chains, decode targets) are left to whoever needs them.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |S|E| template id |         frame number          |  extended fields ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// S = start_of_frame, E = end_of_frame, template id = frame_dependency_template_id (6 bits),
/// frame number = frame_number (16 bits).
/// </remarks>
public readonly record struct DependencyDescriptor
{
    /// <summary>The size of the mandatory fields; a value is at least this long.</summary>
    public const int MandatoryLength = 3;

    /// <summary>The mandatory fields.</summary>
    public DependencyDescriptor(bool startOfFrame, bool endOfFrame, int templateId, ushort frameNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(templateId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(templateId, 63);
        StartOfFrame = startOfFrame;
        EndOfFrame = endOfFrame;
        TemplateId = templateId;
        FrameNumber = frameNumber;
    }

    /// <summary>start_of_frame: the packet holds the first byte of the frame.</summary>
    public bool StartOfFrame { get; }

    /// <summary>end_of_frame: the packet holds the last byte of the frame.</summary>
    public bool EndOfFrame { get; }

    /// <summary>frame_dependency_template_id, 0..63.</summary>
    public int TemplateId { get; }

    /// <summary>frame_number, a 16-bit frame counter.</summary>
    public ushort FrameNumber { get; }

    /// <summary>Reads the mandatory fields; false when <paramref name="value"/> is shorter than 3 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out DependencyDescriptor descriptor)
    {
        if (value.Length < MandatoryLength)
        {
            descriptor = default;
            return false;
        }

        descriptor = new DependencyDescriptor(
            (value[0] & 0x80) != 0,
            (value[0] & 0x40) != 0,
            value[0] & 0x3F,
            (ushort)((value[1] << 8) | value[2]));
        return true;
    }
}
