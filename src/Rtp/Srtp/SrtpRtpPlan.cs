namespace Gateway.Rtp.Srtp;

/// <summary>
/// What a session worked out for one SRTP packet before the cipher runs: where the payload starts, the SSRC,
/// the 48-bit index, and the stream (null: a new SSRC whose stream is made once the packet authenticates).
/// </summary>
internal struct SrtpRtpPlan
{
    public SrtpStream? Stream;
    public int HeaderLength;
    public uint Ssrc;
    public ulong Index;
}
