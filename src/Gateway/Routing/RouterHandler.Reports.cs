using System.Diagnostics;
using Gateway.Rtp.Rtcp;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// Periodic work: per-hop RTCP reports (RFC 3550 §6.4) and the active speaker. Every second each participant
/// gets one compound packet: an RR with a report block per track it publishes (what the gateway received of it),
/// an SR per stream the gateway forwards to it (what was sent to it, on the publisher's NTP/RTP timeline) and
/// an SDES CNAME.
/// </summary>
internal sealed partial class RouterHandler
{
    /// <summary>Loudness (127 − level in -dBov) a speaker must exceed: louder than -60 dBov.</summary>
    internal const double SpeakerThreshold = AudioLevelSilence - 60;

    private const int AudioLevelSilence = 127;
    private const ulong NtpUnixOffsetSeconds = 2_208_988_800;
    private static readonly long ReportIntervalTicks = Stopwatch.Frequency;
    private static readonly long SpeakerIntervalTicks = Stopwatch.Frequency * 3 / 10;
    private static readonly long LevelFreshTicks = Stopwatch.Frequency;

    public long OnTick(long timestamp, IMediaSink sink)
    {
        long next = long.MaxValue;
        List<Meeting> meetings = _router.MeetingsOf(_worker);
        for (int i = 0; i < meetings.Count; i++)
        {
            Meeting meeting = meetings[i];
            if (timestamp >= meeting.NextSpeakerTicks)
            {
                meeting.NextSpeakerTicks = timestamp + SpeakerIntervalTicks;
                PickSpeaker(meeting, timestamp);
            }

            if (timestamp >= meeting.NextReportTicks)
            {
                meeting.NextReportTicks = timestamp + ReportIntervalTicks;
                ulong ntpNow = NtpNow();
                foreach (Participant participant in meeting.Participants)
                {
                    SendReport(participant, timestamp, ntpNow, sink);
                }
            }

            next = Math.Min(next, Math.Min(meeting.NextSpeakerTicks, meeting.NextReportTicks));
        }

        return next;
    }

    /// <summary>The loudest recent audio track above the threshold becomes the speaker; a change is announced to all.</summary>
    private static void PickSpeaker(Meeting meeting, long now)
    {
        PublishedTrack? loudest = null;
        double loudness = SpeakerThreshold;
        foreach (Participant participant in meeting.Participants)
        {
            foreach (PublishedTrack track in participant.Tracks)
            {
                if (track.Kind == MediaKind.Audio && !track.Ended && track.LastLevelTicks != 0
                    && now - track.LastLevelTicks < LevelFreshTicks && track.Loudness > loudness)
                {
                    loudest = track;
                    loudness = track.Loudness;
                }
            }
        }

        if (loudest is null || ReferenceEquals(loudest.Publisher, meeting.Speaker))
        {
            return;
        }

        meeting.Speaker = loudest.Publisher;
        lock (meeting.Gate)
        {
            MediaRouter.Broadcast(meeting, MeetingEvents.SpeakerEvent(loudest.Publisher), null);
        }
    }

    private void SendReport(Participant participant, long now, ulong ntpNow, IMediaSink sink)
    {
        if (!participant.Path.IsSet)
        {
            return;
        }

        Span<byte> buffer = sink.Reserve();
        int limit = buffer.Length - participant.Outbound.RtcpOverhead - SdesRoom;

        // RR: what the gateway received of each track this participant publishes (at most 31 blocks).
        Span<ReportBlock> blocks = stackalloc ReportBlock[31];
        int blockCount = 0;
        foreach (PublishedTrack track in participant.Tracks)
        {
            if (track.Ended || track.Statistics.Received == 0 || blockCount == blocks.Length)
            {
                continue;
            }

            uint lastSenderReport = 0;
            uint delay = 0;
            if (track.HasSenderReport)
            {
                // LSR: the middle 32 bits of the SR's NTP time; DLSR in 1/65536 s (RFC 3550 §6.4.1).
                lastSenderReport = (uint)(track.SenderReportNtp >> 16);
                delay = (uint)Math.Min(uint.MaxValue, (now - track.SenderReportTicks) * 65_536 / Stopwatch.Frequency);
            }

            blocks[blockCount++] = track.Statistics.Report(track.CurrentSsrc, lastSenderReport, delay);
        }

        if (!ReceiverReport.TryWrite(buffer[..limit], participant.GatewaySsrc, blocks[..blockCount], out int offset))
        {
            return;
        }

        // SR per forwarded stream: its packet and octet counts as this participant got them.
        foreach (Subscription subscription in participant.Subscriptions)
        {
            ForwardState view = subscription.Media;
            if (!view.Started)
            {
                continue;
            }

            if (offset + 28 > limit)
            {
                FinishReport(participant, buffer, offset, sink);
                buffer = sink.Reserve();
                ReceiverReport.TryWrite(buffer[..limit], participant.GatewaySsrc, [], out offset);
            }

            PublishedTrack track = subscription.Track;
            ulong ntp;
            uint rtp;
            if (track.HasSenderReport && track.SenderReportEpoch == view.Epoch)
            {
                // The publisher's own timeline, moved on to now: lets the subscriber synchronise audio and video.
                long elapsed = now - track.SenderReportTicks;
                ntp = track.SenderReportNtp + ToNtpDuration(elapsed);
                rtp = track.SenderReportRtp + (uint)(elapsed * (double)track.ClockRate / Stopwatch.Frequency) + view.TimestampDelta;
            }
            else
            {
                ntp = ntpNow;
                rtp = view.LastTimestamp + (uint)((now - view.LastTicks) * (double)track.ClockRate / Stopwatch.Frequency);
            }

            if (SenderReport.TryWrite(buffer[offset..limit], view.OutputSsrc, ntp, rtp, view.Packets, view.Octets, [], out int written))
            {
                offset += written;
            }
        }

        FinishReport(participant, buffer, offset, sink);
    }

    private void FinishReport(Participant participant, Span<byte> buffer, int offset, IMediaSink sink)
    {
        int end = buffer.Length - participant.Outbound.RtcpOverhead;
        if (SourceDescription.TryWriteCanonicalName(buffer[offset..end], participant.GatewaySsrc, "gateway"u8, out int written))
        {
            offset += written;
        }

        SendRtcp(participant, buffer, offset, sink);
        ReportsSent++;
    }

    private ulong NtpNow()
    {
        long unixMicroseconds = (_router.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        ulong seconds = (ulong)(unixMicroseconds / 1_000_000) + NtpUnixOffsetSeconds;
        ulong fraction = (ulong)(unixMicroseconds % 1_000_000) * (1UL << 32) / 1_000_000;
        return (seconds << 32) | fraction;
    }

    private static ulong ToNtpDuration(long ticks) => ticks <= 0 ? 0 : (ulong)(ticks / (double)Stopwatch.Frequency * 4_294_967_296.0);
}
