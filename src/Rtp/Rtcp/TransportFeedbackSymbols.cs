using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>
/// Packet status symbols and chunks of transport-wide feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
/// §3.1.1 to §3.1.4): decoding for <see cref="TransportFeedback.TryGetPackets"/> and the chunk encoder for
/// <see cref="TransportFeedback.TryWrite"/>.
/// </summary>
/// <remarks>
/// Symbols: 00 not received, 01 received with a small (1-byte, unsigned) delta, 10 received with a large or
/// negative (2-byte, signed) delta, 11 reserved. Chunks are 16 bits:
/// <code>
/// run length:      |T=0| S (2) |        run length (13)        |   S repeated run-length times
/// status vector 1: |T=1|S=0|   14 one-bit symbols (0 / 1)       |
/// status vector 2: |T=1|S=1|   7 two-bit symbols                |
/// </code>
/// Symbols past the packet status count (the tail of the last chunk) are ignored.
/// </remarks>
internal static class TransportFeedbackSymbols
{
    internal const int NotReceived = 0;
    internal const int SmallDelta = 1;
    internal const int LargeDelta = 2;
    internal const int Reserved = 3;

    internal const int MaxRunLength = 0x1FFF;
    internal const int OneBitCapacity = 14;
    internal const int TwoBitCapacity = 7;

    /// <summary>The symbol of a status; -1 when its delta fits in neither delta size.</summary>
    internal static int SymbolOf(TransportPacketStatus status)
    {
        if (!status.Received)
        {
            return NotReceived;
        }

        if (status.DeltaTicks is >= 0 and <= byte.MaxValue)
        {
            return SmallDelta;
        }

        return status.DeltaTicks is >= short.MinValue and <= short.MaxValue ? LargeDelta : -1;
    }

    /// <summary>
    /// Encodes the symbols of <paramref name="packets"/> into chunks written to <paramref name="destination"/>
    /// (when it is not empty; an empty span counts only) and returns the number of chunks.
    /// </summary>
    /// <remarks>
    /// Greedy, looking ahead at most one chunk: a run of 14 or more equal symbols (or of all the symbols left)
    /// becomes a run-length chunk; otherwise 14 symbols with no large delta become a one-bit vector; otherwise
    /// a run of 7 or more becomes a run-length chunk; otherwise 7 symbols become a two-bit vector.
    /// </remarks>
    internal static int EncodeChunks(ReadOnlySpan<TransportPacketStatus> packets, Span<byte> destination)
    {
        int chunks = 0;
        int k = 0;
        int n = packets.Length;
        while (k < n)
        {
            int symbol = SymbolOf(packets[k]);
            int run = 1;
            while (k + run < n && run < MaxRunLength && SymbolOf(packets[k + run]) == symbol)
            {
                run++;
            }

            int remaining = n - k;
            int chunk;
            int taken;
            if (run >= OneBitCapacity || run == remaining)
            {
                chunk = (symbol << 13) | run;
                taken = run;
            }
            else if (FitsOneBit(packets.Slice(k, Math.Min(OneBitCapacity, remaining))))
            {
                taken = Math.Min(OneBitCapacity, remaining);
                chunk = 0x8000;
                for (int i = 0; i < taken; i++)
                {
                    chunk |= SymbolOf(packets[k + i]) << (13 - i);
                }
            }
            else if (run >= TwoBitCapacity)
            {
                chunk = (symbol << 13) | run;
                taken = run;
            }
            else
            {
                taken = Math.Min(TwoBitCapacity, remaining);
                chunk = 0xC000;
                for (int i = 0; i < taken; i++)
                {
                    chunk |= SymbolOf(packets[k + i]) << (12 - (2 * i));
                }
            }

            if (!destination.IsEmpty)
            {
                BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(chunks * 2), (ushort)chunk);
            }

            chunks++;
            k += taken;
        }

        return chunks;
    }

    /// <summary>
    /// Decodes chunks from <paramref name="body"/> at <paramref name="offset"/> until <paramref name="statuses"/>
    /// symbols are known, storing each symbol in <paramref name="symbols"/>; moves the offset past the chunks.
    /// False when the chunks run out or a counted symbol is the reserved one.
    /// </summary>
    internal static bool TryDecodeChunks(ReadOnlySpan<byte> body, ref int offset, Span<TransportPacketStatus> symbols, int statuses, ushort baseSequence)
    {
        int produced = 0;
        while (produced < statuses)
        {
            if (offset + 2 > body.Length)
            {
                return false;
            }

            int chunk = BinaryPrimitives.ReadUInt16BigEndian(body.Slice(offset));
            offset += 2;
            if ((chunk & 0x8000) == 0)
            {
                int symbol = (chunk >> 13) & 0x03;
                int take = Math.Min(chunk & MaxRunLength, statuses - produced);
                if (symbol == Reserved && take > 0)
                {
                    return false;
                }

                for (int i = 0; i < take; i++)
                {
                    symbols[produced] = Placeholder(baseSequence, produced, symbol);
                    produced++;
                }
            }
            else if ((chunk & 0x4000) == 0)
            {
                int take = Math.Min(OneBitCapacity, statuses - produced);
                for (int i = 0; i < take; i++)
                {
                    symbols[produced] = Placeholder(baseSequence, produced, (chunk >> (13 - i)) & 0x01);
                    produced++;
                }
            }
            else
            {
                int take = Math.Min(TwoBitCapacity, statuses - produced);
                for (int i = 0; i < take; i++)
                {
                    int symbol = (chunk >> (12 - (2 * i))) & 0x03;
                    if (symbol == Reserved)
                    {
                        return false;
                    }

                    symbols[produced] = Placeholder(baseSequence, produced, symbol);
                    produced++;
                }
            }
        }

        return true;
    }

    private static bool FitsOneBit(ReadOnlySpan<TransportPacketStatus> packets)
    {
        foreach (TransportPacketStatus packet in packets)
        {
            if (SymbolOf(packet) > SmallDelta)
            {
                return false;
            }
        }

        return true;
    }

    // Until the deltas are read, a status holds its symbol in DeltaTicks.
    private static TransportPacketStatus Placeholder(ushort baseSequence, int index, int symbol) =>
        new((ushort)(baseSequence + index), symbol != NotReceived, symbol);
}
