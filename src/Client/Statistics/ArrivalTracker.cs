using System.Diagnostics;

namespace Gateway.Client.Statistics;

/// <summary>
/// A received track's arrival accounting, shared by the audio and video receivers: sequence numbers (received,
/// lost, duplicates) and the RFC 3550 interarrival jitter at the track's clock rate, written to its statistics.
/// </summary>
internal struct ArrivalTracker
{
    private readonly int _clockRate;
    private SequenceTracker _sequences = new();
    private InterarrivalJitter _jitter;

    public ArrivalTracker(int clockRate) => _clockRate = clockRate;

    /// <summary>
    /// Accounts a packet that arrived at <paramref name="arrivalTimestamp"/> (Stopwatch): its extended sequence number,
    /// or a negative number for a duplicate (counted, nothing else changes).
    /// </summary>
    public long Accept(ushort sequenceNumber, uint rtpTimestamp, long arrivalTimestamp, RemoteTrackStatistics stats)
    {
        long extended = _sequences.Accept(sequenceNumber);
        if (extended < 0)
        {
            stats.Duplicate = _sequences.Duplicates;
            return extended;
        }

        stats.Received = _sequences.Received;
        stats.Lost = _sequences.Lost;
        _jitter.Update(arrivalTimestamp * (double)_clockRate / Stopwatch.Frequency, rtpTimestamp);
        Volatile.Write(ref stats.JitterMs, _jitter.Units * 1000.0 / _clockRate);
        return extended;
    }
}
