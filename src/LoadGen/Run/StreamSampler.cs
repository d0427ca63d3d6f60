namespace Gateway.LoadGen.Run;

/// <summary>
/// Chooses which received audio streams are Opus-decoded and SNR-checked when not all of them can be: every stream is
/// still decrypted and counted, but a Concentus decode costs about 0.06 ms of CPU per frame, 3 s of CPU a second for 50,000 frames. The sample is spread evenly over
/// the meetings (16 of 50 meetings: every third one; 32 of 16: two in each), and within a meeting over its senders
/// and receivers (sender p, heard by the next participants in turn), starting at a different participant in each
/// meeting so that no one index is favoured.
/// </summary>
internal static class StreamSampler
{
    /// <summary>
    /// The sampled streams as (meeting, sender, receiver) indices: <paramref name="count"/> of the
    /// <paramref name="meetings"/> × <paramref name="participants"/> × (<paramref name="participants"/> − 1) streams
    /// (all of them when <paramref name="count"/> is at least that many), no stream twice.
    /// </summary>
    public static IReadOnlyList<(int Meeting, int Sender, int Receiver)> Choose(int meetings, int participants, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(meetings, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 2);
        int perMeeting = participants * (participants - 1);
        long total = (long)meetings * perMeeting;
        int take = (int)Math.Min(Math.Max(count, 0), total);
        var chosen = new List<(int, int, int)>(take);

        // Sample j goes to meeting ⌊j·M/N⌋ (evenly spaced); a meeting's n-th sample is its n-th pair in the spread order.
        int[] taken = new int[meetings];
        for (int j = 0; j < take; j++)
        {
            int meeting = (int)((long)j * meetings / take);
            while (taken[meeting] >= perMeeting)
            {
                meeting = (meeting + 1) % meetings;
            }

            (int sender, int receiver) = Pair(taken[meeting]++, participants, meeting);
            chosen.Add((meeting, sender, receiver));
        }

        return chosen;
    }

    /// <summary>
    /// The <paramref name="n"/>-th (sender, receiver) pair of a meeting of <paramref name="participants"/>: the first
    /// round has each participant heard by the next, the second by the one after, … so that early pairs share neither
    /// sender nor receiver; <paramref name="rotation"/> shifts where the rounds start.
    /// </summary>
    internal static (int Sender, int Receiver) Pair(int n, int participants, int rotation)
    {
        int sender = (n + rotation) % participants;
        int distance = 1 + ((n / participants) % (participants - 1));
        return (sender, (sender + distance) % participants);
    }
}
