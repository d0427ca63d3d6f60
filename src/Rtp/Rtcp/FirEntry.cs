namespace Gateway.Rtp.Rtcp;

/// <summary>One FCI entry of a FIR (RFC 5104 §4.3.1.1): the source asked for a decoder refresh and the request's sequence number.</summary>
/// <param name="Ssrc">The media sender asked for an intra picture.</param>
/// <param name="SequenceNumber">Incremented by one per new request to that sender (modulo 256), so repeats of one request can be told apart.</param>
public readonly record struct FirEntry(uint Ssrc, byte SequenceNumber)
{
    /// <summary>The size of an entry.</summary>
    public const int Length = 8;
}
