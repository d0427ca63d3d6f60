namespace Gateway.Rtp.Srtp;

/// <summary>The SRTP packet index: 48 bits, ROC·2^16 + SEQ (RFC 3711 §3.3.1).</summary>
internal static class SrtpIndex
{
    /// <summary>The highest SRTP index a key may protect: 2^48 - 1 (RFC 3711 §9.2).</summary>
    public const long MaxRtpIndex = (1L << 48) - 1;

    /// <summary>The highest SRTCP index: 2^31 - 1 (RFC 3711 §3.4: a 31-bit counter).</summary>
    public const uint MaxRtcpIndex = int.MaxValue;

    /// <summary>
    /// The index of a packet with sequence number <paramref name="sequence"/> given the highest index so far
    /// (RFC 3711 §3.3.1 and Appendix A): the guess v for its ROC is the one that puts SEQ nearest to s_l.
    /// <code>
    ///   if s_l &lt; 2^15:  v = ROC - 1 when SEQ - s_l &gt; 2^15, else ROC
    ///   else:          v = ROC + 1 when s_l - 2^15 &gt; SEQ, else ROC
    ///   index = v·2^16 + SEQ
    /// </code>
    /// So 65535 then 0 is ROC+1 (a wrap), and 0 after 65535 has moved the window on is ROC-1 (a packet
    /// reordered back across the wrap). Negative (v = -1 at ROC 0) means a packet from before the stream's
    /// first one; above <see cref="MaxRtpIndex"/> means the ROC would wrap.
    /// </summary>
    public static long Estimate(ulong highest, ushort sequence)
    {
        long roc = (long)(highest >> 16);
        int last = (int)(highest & 0xFFFF);
        long v = roc;
        if (last < 0x8000)
        {
            if (sequence - last > 0x8000)
            {
                v = roc - 1;
            }
        }
        else if (last - 0x8000 > sequence)
        {
            v = roc + 1;
        }

        return (v << 16) | sequence;
    }
}
