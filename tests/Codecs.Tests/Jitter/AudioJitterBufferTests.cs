using Gateway.Codecs.Jitter;

namespace Gateway.Codecs.Tests.Jitter;

/// <summary>Play-out order, reordering, loss, lateness, duplicates and the 16-bit wrap of the audio jitter buffer.</summary>
public sealed class AudioJitterBufferTests
{
    [Fact]
    public void InOrder_BuffersToThePrefetchDepth_ThenPlaysEachPacket()
    {
        var buffer = new AudioJitterBuffer(capacity: 8, prefetchFrames: 3);
        Assert.Equal(JitterPullStatus.Buffering, buffer.Pull().Status);
        Insert(buffer, 100);
        Insert(buffer, 101);
        Assert.Equal(JitterPullStatus.Buffering, buffer.Pull().Status);
        Insert(buffer, 102);
        for (ushort seq = 100; seq < 103; seq++)
        {
            JitterFrame frame = buffer.Pull();
            Assert.Equal(JitterPullStatus.Frame, frame.Status);
            Assert.Equal(seq, frame.SequenceNumber);
            Assert.Equal(Timestamp(seq), frame.Timestamp);
            Assert.Equal(Payload(seq), frame.Payload.ToArray());
        }

        Assert.Equal(JitterPullStatus.Underrun, buffer.Pull().Status);
        Assert.Equal(new JitterBufferStats { Received = 3, Played = 3, Underruns = 1 }, buffer.Stats);
    }

    [Fact]
    public void Reordered_WithinTheDepth_PlaysInSequenceOrder()
    {
        var buffer = new AudioJitterBuffer(capacity: 8, prefetchFrames: 3);
        foreach (ushort seq in new ushort[] { 11, 10, 13, 12, 14 })
        {
            Insert(buffer, seq);
        }

        for (ushort seq = 10; seq <= 14; seq++)
        {
            JitterFrame frame = buffer.Pull();
            Assert.Equal(JitterPullStatus.Frame, frame.Status);
            Assert.Equal(seq, frame.SequenceNumber);
        }

        JitterBufferStats stats = buffer.Stats;
        Assert.Equal(2, stats.Reordered);
        Assert.Equal(0, stats.Lost + stats.Late);
    }

    [Fact]
    public void Gap_WithALaterPacketHere_IsReportedLost_WithTheNextPacketForFec_AndALateArrivalIsCounted()
    {
        var buffer = new AudioJitterBuffer(capacity: 8, prefetchFrames: 2);
        Insert(buffer, 1);
        Insert(buffer, 3);
        Assert.Equal(1, buffer.Pull().SequenceNumber);

        JitterFrame lost = buffer.Pull();
        Assert.Equal(JitterPullStatus.Lost, lost.Status);
        Assert.Equal(2, lost.SequenceNumber);
        Assert.Equal(Timestamp(2), lost.Timestamp);
        Assert.Equal(Payload(3), lost.NextPayload.ToArray());

        Assert.Equal(JitterInsertStatus.Late, buffer.Insert(2, Timestamp(2), Payload(2)));
        JitterFrame third = buffer.Pull();
        Assert.Equal(JitterPullStatus.Frame, third.Status);
        Assert.Equal(3, third.SequenceNumber);

        JitterBufferStats stats = buffer.Stats;
        Assert.Equal(1, stats.Lost);
        Assert.Equal(1, stats.Late);
        Assert.Equal(2, stats.Played);
    }

    [Fact]
    public void LostWithoutTheNextPacket_HasNoFecSource()
    {
        var buffer = new AudioJitterBuffer(capacity: 8, prefetchFrames: 1);
        Insert(buffer, 1);
        Insert(buffer, 4);
        Assert.Equal(JitterPullStatus.Frame, buffer.Pull().Status);
        JitterFrame lost = buffer.Pull();
        Assert.Equal(JitterPullStatus.Lost, lost.Status);
        Assert.True(lost.NextPayload.IsEmpty);
        Assert.Equal(JitterPullStatus.Lost, buffer.Pull().Status);
        Assert.Equal(4, buffer.Pull().SequenceNumber);
    }

    [Fact]
    public void Underrun_KeepsTheSlot_SoAPacketThatComesBeforeTheNextPullStillPlays()
    {
        var buffer = new AudioJitterBuffer(capacity: 8, prefetchFrames: 1);
        Insert(buffer, 7);
        Assert.Equal(JitterPullStatus.Frame, buffer.Pull().Status);
        JitterFrame dry = buffer.Pull();
        Assert.Equal(JitterPullStatus.Underrun, dry.Status);
        Assert.Equal(8, dry.SequenceNumber);
        Insert(buffer, 8);
        Assert.Equal(8, buffer.Pull().SequenceNumber);
        Assert.Equal(0, buffer.Stats.Lost);
    }

    [Fact]
    public void Duplicates_BufferedOrAlreadyPlayed_AreCountedAndDropped()
    {
        var buffer = new AudioJitterBuffer(capacity: 8, prefetchFrames: 2);
        Insert(buffer, 5);
        Assert.Equal(JitterInsertStatus.Duplicate, buffer.Insert(5, Timestamp(5), Payload(5)));
        Insert(buffer, 6);
        buffer.Pull();
        Assert.Equal(JitterInsertStatus.Duplicate, buffer.Insert(5, Timestamp(5), Payload(5)));
        Assert.Equal(2, buffer.Stats.Duplicates);
        Assert.Equal(2, buffer.Stats.Received);
    }

    [Fact]
    public void SequenceWrap_65534To2_IsContinuous()
    {
        var buffer = new AudioJitterBuffer(capacity: 8, prefetchFrames: 2);
        ushort[] order = [65534, 65535, 1, 0, 2];
        foreach (ushort seq in order)
        {
            Assert.Equal(JitterInsertStatus.Buffered, Insert(buffer, seq));
        }

        foreach (ushort seq in new ushort[] { 65534, 65535, 0, 1, 2 })
        {
            JitterFrame frame = buffer.Pull();
            Assert.Equal(JitterPullStatus.Frame, frame.Status);
            Assert.Equal(seq, frame.SequenceNumber);
        }

        Assert.Equal(1, buffer.Stats.Reordered);
        Assert.Equal(0, buffer.Stats.Lost);
    }

    [Fact]
    public void LongStream_AcrossSeveralWraps_WithLossAndReordering_AccountsForEveryPacket()
    {
        var buffer = new AudioJitterBuffer(capacity: 16, prefetchFrames: 4);
        var random = new Random(1);
        const int Packets = 200_000;
        int sent = 0, dropped = 0, played = 0, lostOrConcealed = 0;
        ushort next = 60_000;
        ushort? held = null;
        for (int i = 0; i < Packets; i++)
        {
            ushort seq = next++;
            if (random.Next(50) == 0)
            {
                dropped++;
            }
            else if (held is null && random.Next(20) == 0)
            {
                held = seq; // sent after the next one: a swap
            }
            else
            {
                Insert(buffer, seq);
                sent++;
                if (held is ushort h)
                {
                    Insert(buffer, h);
                    sent++;
                    held = null;
                }
            }

            JitterPullStatus status = buffer.Pull().Status;
            played += status == JitterPullStatus.Frame ? 1 : 0;
            lostOrConcealed += status == JitterPullStatus.Lost ? 1 : 0;
        }

        JitterBufferStats stats = buffer.Stats;
        Assert.Equal(sent, stats.Received + stats.Late + stats.Duplicates);
        Assert.Equal(played, stats.Played);
        Assert.Equal(lostOrConcealed, stats.Lost);
        Assert.Equal(0, stats.Late);
        Assert.InRange(stats.Lost, dropped - 2, dropped);
        Assert.True(stats.Reordered > 1000, stats.ToString());
        Assert.Equal(0, stats.Resyncs);
    }

    [Fact]
    public void PacketFarAhead_MovesTheWindow_CountingWhatItSkips()
    {
        var buffer = new AudioJitterBuffer(capacity: 4, prefetchFrames: 1);
        Insert(buffer, 10);
        Insert(buffer, 11);
        Assert.Equal(10, buffer.Pull().SequenceNumber);

        // 20 needs the window to start at 17: 11 (buffered) is dropped, 12..16 are lost.
        Insert(buffer, 20);
        JitterBufferStats stats = buffer.Stats;
        Assert.Equal(1, stats.Dropped);
        Assert.Equal(5, stats.Lost);
        JitterFrame frame = buffer.Pull();
        Assert.Equal(JitterPullStatus.Lost, frame.Status);
        Assert.Equal(17, frame.SequenceNumber);
    }

    [Fact]
    public void SenderRestart_WithNewNumbers_Resyncs()
    {
        var buffer = new AudioJitterBuffer(capacity: 4, prefetchFrames: 1);
        Insert(buffer, 30_000);
        buffer.Pull();

        // A jump of more than 1000 ahead starts over at once.
        Assert.Equal(JitterInsertStatus.Buffered, Insert(buffer, 40_000));
        Assert.Equal(40_000, buffer.Pull().SequenceNumber);

        // Numbers far behind (5000 back) are late at first, then (after a window's worth of them) a new stream.
        JitterInsertStatus last = JitterInsertStatus.Late;
        for (ushort seq = 35_000; seq < 35_004; seq++)
        {
            last = Insert(buffer, seq);
        }

        Assert.Equal(JitterInsertStatus.Buffered, last);
        Assert.Equal(2, buffer.Stats.Resyncs);
        Assert.Equal(35_003, buffer.Pull().SequenceNumber);
    }

    [Fact]
    public void EmptyOrOversizedPayloads_AreDropped()
    {
        var buffer = new AudioJitterBuffer(capacity: 4, prefetchFrames: 1, maxPayloadSize: 10);
        Assert.Equal(JitterInsertStatus.InvalidPayload, buffer.Insert(1, 0, []));
        Assert.Equal(JitterInsertStatus.InvalidPayload, buffer.Insert(1, 0, new byte[11]));
        Assert.Equal(2, buffer.Stats.Dropped);
        Assert.Equal(JitterPullStatus.Buffering, buffer.Pull().Status);
    }

    [Fact]
    public void Reset_ForgetsPacketsAndCounters()
    {
        var buffer = new AudioJitterBuffer(capacity: 4, prefetchFrames: 1);
        Insert(buffer, 1);
        buffer.Reset();
        Assert.Equal(default, buffer.Stats);
        Assert.Equal(JitterPullStatus.Buffering, buffer.Pull().Status);
        Insert(buffer, 500);
        Assert.Equal(500, buffer.Pull().SequenceNumber);
    }

    internal static uint Timestamp(ushort seq) => seq * 960u;

    internal static byte[] Payload(ushort seq) => [0xF8, (byte)seq, (byte)(seq >> 8)];

    private static JitterInsertStatus Insert(AudioJitterBuffer buffer, ushort seq) => buffer.Insert(seq, Timestamp(seq), Payload(seq));
}
