using System.Diagnostics;
using Gateway.Rtp.Rtcp;

namespace Gateway.Routing;

/// <summary>
/// What the gateway received of one published stream, for its receiver reports (RFC 3550 §6.4.1, A.1,
/// A.3, A.8): extended highest sequence number, expected and received counts, interarrival jitter.
/// Worker-owned; no allocation.
/// </summary>
internal sealed class ReceiveStatistics
{
    private readonly int _clockRate;
    private bool _started;
    private uint _baseSequence;
    private uint _cycles;
    private ushort _maxSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _lastTransit;
    private double _jitter;

    public ReceiveStatistics(int clockRate) => _clockRate = clockRate;

    /// <summary>Packets received.</summary>
    public long Received => _received;

    /// <summary>The extended highest sequence number received (cycles in the high 16 bits).</summary>
    public uint ExtendedHighest => _cycles | _maxSequence;

    /// <summary>Counts a packet; false when its sequence number jumped so far from the last one that the sender must have restarted.</summary>
    public bool Update(ushort sequence, uint timestamp, long arrivalTicks)
    {
        // Arrival in RTP units for the jitter (A.8): only differences matter, so the epoch is arbitrary.
        long arrival = (long)(arrivalTicks * (double)_clockRate / Stopwatch.Frequency);
        if (!_started)
        {
            Restart(sequence, arrival, timestamp);
            _received = 1;
            return true;
        }

        ushort delta = (ushort)(sequence - _maxSequence);
        bool jumped = false;
        if (delta is > 0 and < MaxDropout)
        {
            if (sequence < _maxSequence)
            {
                _cycles += 1u << 16;
            }

            _maxSequence = sequence;
        }
        else if (delta != 0 && delta <= ushort.MaxValue - MaxMisorder)
        {
            // A.1: a very large jump: the source restarted its numbering.
            Restart(sequence, arrival, timestamp);
            jumped = true;
        }

        _received++;
        long transit = arrival - timestamp;
        long d = Math.Abs(transit - _lastTransit);
        _lastTransit = transit;
        _jitter += (d - _jitter) / 16.0;
        return !jumped;
    }

    /// <summary>A report block for <paramref name="ssrc"/>; moves the interval counters on (A.3).</summary>
    public ReportBlock Report(uint ssrc, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        long expected = (long)ExtendedHighest - _baseSequence + 1;
        long lost = expected - _received;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        long lostInterval = expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        int cumulative = (int)Math.Clamp(lost, -0x800000, 0x7FFFFF);
        return new ReportBlock(ssrc, fraction, cumulative, ExtendedHighest, (uint)_jitter, lastSenderReport, delaySinceLastSenderReport);
    }

    private const int MaxDropout = 3_000;
    private const int MaxMisorder = 100;

    private void Restart(ushort sequence, long arrival, uint timestamp)
    {
        _started = true;
        _baseSequence = sequence;
        _maxSequence = sequence;
        _cycles = 0;
        _received = 0;
        _expectedPrior = 0;
        _receivedPrior = 0;
        _lastTransit = arrival - timestamp;
    }
}
