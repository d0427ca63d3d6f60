namespace Gateway.Rtp.Srtp;

/// <summary>One packet of an <see cref="SrtpBatch"/>: what was asked, what was planned, how it ended.</summary>
internal unsafe struct SrtpBatchSlot
{
    public SrtpSession Session;
    public byte* Buffer;
    public int Length;
    public bool Protect;

    /// <summary>Its place in the seal or open AeadBatch; -1 when it needs no native call (done at Add, or failed early).</summary>
    public int AeadIndex;
    public SrtpRtpPlan Plan;
    public SrtpResult Result;

    /// <summary>protectedLength or payloadEnd once Ok.</summary>
    public int ResultLength;
}
