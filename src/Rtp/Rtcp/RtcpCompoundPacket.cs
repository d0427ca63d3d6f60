namespace Gateway.Rtp.Rtcp;

/// <summary>
/// A compound RTCP packet (RFC 3550 §6.1): RTCP packets back to back in one datagram, enumerated with
/// <c>foreach</c> without allocating.
/// </summary>
/// <remarks>
/// <para>The checks are those of RFC 3550 Appendix A.2 that hold for every packet: version 2, lengths that
/// add up exactly to the datagram, and padding only on the last packet. The rule that the first packet
/// be an SR or RR is not enforced: reduced-size RTCP (RFC 5506) sends a lone feedback packet.</para>
/// <para>Enumeration stops at the first invalid packet; <see cref="RtcpCompoundEnumerator.Result"/> then
/// says why. <see cref="Validate"/> checks the whole datagram first.</para>
/// </remarks>
public readonly ref struct RtcpCompoundPacket
{
    private readonly ReadOnlySpan<byte> _data;

    /// <summary>A view over the datagram <paramref name="data"/> (after SRTCP unprotect).</summary>
    public RtcpCompoundPacket(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The whole datagram.</summary>
    public ReadOnlySpan<byte> Buffer => _data;

    /// <summary>An allocation-free enumerator over the packets.</summary>
    public RtcpCompoundEnumerator GetEnumerator() => new(_data);

    /// <summary>Checks every packet of <paramref name="data"/>; <see cref="RtcpParseResult.TooShort"/> when it is empty.</summary>
    public static RtcpParseResult Validate(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return RtcpParseResult.TooShort;
        }

        RtcpCompoundEnumerator packets = new(data);
        while (packets.MoveNext())
        {
        }

        return packets.Result;
    }
}
