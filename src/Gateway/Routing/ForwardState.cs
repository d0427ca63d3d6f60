using System.Buffers.Binary;

namespace Gateway.Routing;

/// <summary>
/// One published stream as one subscriber sees it: the SSRC, sequence number and timestamp offsets that keep
/// its view continuous, and what was sent to it (for its sender reports). Worker-owned.
/// </summary>
/// <remarks>
/// By default the subscriber sees the publisher's own values (offsets 0). When the track's epoch changes
/// (the publisher restarted: a new SSRC for the same track, or a sequence jump), the next packet re-bases
/// the offsets so that the subscriber's sequence numbers go on from the last one it got and its timestamps
/// advance by the time that passed; the SSRC it sees stays the track's first SSRC.
/// </remarks>
internal sealed class ForwardState
{
    private bool _sequenceOnly;

    public ForwardState(uint outputSsrc) => OutputSsrc = outputSsrc;

    /// <summary>The SSRC the subscriber sees (the track's first SSRC).</summary>
    public uint OutputSsrc { get; }

    /// <summary>Added to the publisher's sequence number.</summary>
    public ushort SequenceDelta { get; private set; }

    /// <summary>Added to the publisher's timestamp.</summary>
    public uint TimestampDelta { get; private set; }

    /// <summary>The track epoch the offsets belong to (-1: nothing sent yet).</summary>
    public int Epoch { get; private set; } = -1;

    public bool Started { get; private set; }

    public ushort LastSequence { get; private set; }

    public uint LastTimestamp { get; private set; }

    public long LastTicks { get; private set; }

    /// <summary>Packets sent to the subscriber (SR packet count).</summary>
    public uint Packets { get; private set; }

    /// <summary>Payload octets sent to the subscriber (SR octet count).</summary>
    public uint Octets { get; private set; }

    /// <summary>
    /// The subscriber's outbound SRTP session already sent this SSRC up to <paramref name="highestSequence"/> (an
    /// earlier publisher of the same SSRC left): continue after it, since that session refuses indices it has
    /// protected (and must: the same index with other content would reuse a GCM nonce).
    /// </summary>
    public void ContinueAfter(ushort highestSequence)
    {
        Started = true;
        LastSequence = highestSequence;
        _sequenceOnly = true;
    }

    /// <summary>Makes the offsets fit <paramref name="epoch"/> before its first packet, continuing the subscriber's view.</summary>
    public void Rebase(int epoch, ushort sequence, uint timestamp, long nowTicks, int clockRate)
    {
        if (_sequenceOnly)
        {
            _sequenceOnly = false;
            SequenceDelta = (ushort)(LastSequence + 1 - sequence);
        }
        else if (Started)
        {
            long elapsed = Math.Max(0, nowTicks - LastTicks);
            uint advance = (uint)Math.Max(1, Math.Min(uint.MaxValue / 2, elapsed * (double)clockRate / System.Diagnostics.Stopwatch.Frequency));
            SequenceDelta = (ushort)(LastSequence + 1 - sequence);
            TimestampDelta = LastTimestamp + advance - timestamp;
        }

        Epoch = epoch;
        EpochStartSequence = (ushort)(sequence + SequenceDelta);
    }

    /// <summary>The sequence number the subscriber got the epoch's first packet under (for a gated video track: the key frame's).</summary>
    public ushort EpochStartSequence { get; private set; }

    /// <summary>
    /// Whether <paramref name="outSequence"/> comes before the epoch's first packet: a packet from before the key
    /// frame that arrives late. Only near the start (within 16384 packets), where the comparison means something.
    /// </summary>
    public bool PrecedesEpochStart(ushort outSequence) =>
        (ushort)(EpochStartSequence - outSequence) is > 0 and < 0x4000 && (ushort)(LastSequence - EpochStartSequence) < 0x4000;

    /// <summary>Whether a packet of <paramref name="ssrc"/> reaches the subscriber with another SSRC, sequence number or timestamp.</summary>
    public bool Rewrites(uint ssrc) => SequenceDelta != 0 || TimestampDelta != 0 || OutputSsrc != ssrc;

    /// <summary>Writes the subscriber's SSRC, sequence number and timestamp into a copied RTP header; returns the sequence written.</summary>
    public ushort Rewrite(Span<byte> header, ushort sequence, uint timestamp)
    {
        ushort outSequence = (ushort)(sequence + SequenceDelta);
        uint outTimestamp = timestamp + TimestampDelta;
        if (SequenceDelta != 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], outSequence);
        }

        if (TimestampDelta != 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header[4..], outTimestamp);
        }

        BinaryPrimitives.WriteUInt32BigEndian(header[8..], OutputSsrc);
        return outSequence;
    }

    /// <summary>Records a packet sent (not a retransmission).</summary>
    public void Sent(ushort outSequence, uint timestamp, long nowTicks, int payloadLength)
    {
        if (!Started || (ushort)(outSequence - LastSequence) is > 0 and < 0x8000)
        {
            LastSequence = outSequence;
            LastTimestamp = timestamp + TimestampDelta;
            LastTicks = nowTicks;
        }

        Started = true;
        Packets++;
        Octets += (uint)payloadLength;
    }
}
