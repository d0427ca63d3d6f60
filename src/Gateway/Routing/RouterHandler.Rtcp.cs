using System.Buffers.Binary;
using System.Diagnostics;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Rtcp;
using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// Received RTCP. The gateway terminates RTCP per hop: reports are read, not forwarded; feedback a subscriber
/// sends about a stream is answered here (NACK from the cache) or passed to that stream's publisher in the
/// publisher's own terms (its SSRC and sequence numbers), throttled (PLI/FIR) or aggregated (REMB).
/// </summary>
internal sealed partial class RouterHandler
{
    private const int MaxUpstreamNacks = 64;
    private const int SdesRoom = 24;

    // The retransmission session is kept within 16384 indices of the outbound one (the estimate is exact within
    // 32768), its throw-away indices 8192 behind the newest: far older than the cache's second of packets.
    private const long RetransmitSyncStep = 16_384;
    private const long RetransmitSyncLag = 8_192;

    // REMB: a subscriber's estimate counts for 5 s; the minimum goes upstream on a decrease, else once a second.
    private static readonly long RembValidTicks = 5 * Stopwatch.Frequency;
    private static readonly long RembIntervalTicks = Stopwatch.Frequency;

    // One upstream NACK per lost packet per 100 ms, however many subscribers ask.
    private static readonly long UpstreamNackRepeatTicks = Stopwatch.Frequency / 10;

    private void OnRtcp(Span<byte> packet, in MediaPath source, long now, IMediaSink sink)
    {
        if (packet.Length < SrtpSession.RtcpHeaderLength)
        {
            _counters.Drop(MediaDropReason.Malformed);
            return;
        }

        Participant? sender = Identify(packet, source, ssrcOffset: 4, now);
        if (sender is null)
        {
            return;
        }

        SrtpResult result = sender.Inbound.UnprotectRtcp(packet, packet.Length, out int length);
        if (result != SrtpResult.Ok)
        {
            _counters.Drop(ToDropReason(result));
            return;
        }

        // RTCP latches only a participant no RTP has latched yet (a receive-only client behind NAT).
        if (sender.Path != source && !sender.MediaLatched)
        {
            _router.Latch(sender, source);
        }

        foreach (RtcpPacket rtcp in new RtcpCompoundPacket(packet[..length]))
        {
            switch (rtcp.PacketType)
            {
                case RtcpPacketType.SenderReport when SenderReport.TryParse(rtcp, out SenderReport report) == RtcpParseResult.Ok:
                    OnSenderReport(sender, report, now);
                    break;
                case RtcpPacketType.Goodbye when Goodbye.TryParse(rtcp, out Goodbye goodbye) == RtcpParseResult.Ok:
                    OnGoodbye(sender, goodbye);
                    break;
                case RtcpPacketType.TransportFeedback when rtcp.Count == RtcpFeedbackFormat.GenericNack
                    && GenericNack.TryParse(rtcp, out GenericNack nack) == RtcpParseResult.Ok:
                    OnNack(sender, nack, now, sink);
                    break;
                case RtcpPacketType.PayloadFeedback when rtcp.Count == RtcpFeedbackFormat.PictureLossIndication
                    && PictureLossIndication.TryParse(rtcp, out PictureLossIndication pli) == RtcpParseResult.Ok:
                    OnPictureLoss(sender, pli.MediaSsrc, now, sink, fullIntra: false);
                    break;
                case RtcpPacketType.PayloadFeedback when rtcp.Count == RtcpFeedbackFormat.FullIntraRequest
                    && FullIntraRequest.TryParse(rtcp, out FullIntraRequest fir) == RtcpParseResult.Ok:
                    for (int i = 0; i < fir.EntryCount; i++)
                    {
                        OnPictureLoss(sender, fir.GetEntry(i).Ssrc, now, sink, fullIntra: true);
                    }

                    break;
                case RtcpPacketType.PayloadFeedback when rtcp.Count == RtcpFeedbackFormat.ApplicationLayerFeedback
                    && ReceiverEstimatedMaxBitrate.TryParse(rtcp, out ReceiverEstimatedMaxBitrate remb) == RtcpParseResult.Ok:
                    OnRemb(sender, remb, now, sink);
                    break;
                default:
                    // RR, SDES, XR, APP, transport-wide feedback: per hop, nothing to do with them here.
                    break;
            }
        }
    }

    /// <summary>A publisher's SR: remember its NTP/RTP mapping for the SRs the gateway sends on the stream.</summary>
    private static void OnSenderReport(Participant sender, SenderReport report, long now)
    {
        PublishedTrack? track = sender.FindTrack(report.Ssrc, out bool isRtx);
        if (track is null || isRtx)
        {
            return;
        }

        track.HasSenderReport = true;
        track.SenderReportNtp = report.NtpTimestamp;
        track.SenderReportRtp = report.RtpTimestamp;
        track.SenderReportTicks = now;
        track.SenderReportEpoch = track.Epoch;
    }

    /// <summary>
    /// BYE (RFC 3550 §6.6). From a publisher for its own SSRC: that track ends, subscribers get a "track" event with
    /// ended=true. Any other BYE (a receive-only participant, an SSRC it does not publish) is ignored: leaving
    /// the meeting is the control API's DELETE, and a client restarting its sender says BYE before it goes on.
    /// </summary>
    private static void OnGoodbye(Participant sender, Goodbye goodbye)
    {
        for (int i = 0; i < goodbye.SsrcCount; i++)
        {
            PublishedTrack? track = sender.FindTrack(goodbye.GetSsrc(i), out bool isRtx);
            if (track is null || isRtx || track.Ended)
            {
                continue;
            }

            Meeting meeting = sender.Meeting;
            lock (meeting.Gate)
            {
                track.Ended = true;
                MediaRouter.Broadcast(meeting, MeetingEvents.TrackEvent(track, ended: true), sender);
            }

            MediaRouter.EndSubscriptions(track);
        }
    }

    /// <summary>
    /// A subscriber's generic NACK (RFC 4585 §6.2.1): packets still in the track's cache are sent again at once —
    /// the same bytes at the same index (a retransmission reuses no nonce with other content); the rest is asked of
    /// the publisher, in its own sequence numbers.
    /// </summary>
    private void OnNack(Participant subscriber, GenericNack nack, long now, IMediaSink sink)
    {
        Subscription? subscription = subscriber.FindSubscription(nack.MediaSsrc);
        if (subscription is null || !subscription.Media.Started)
        {
            return;
        }

        ForwardState view = subscription.Media;
        PublishedTrack track = subscription.Track;
        Span<ushort> upstream = stackalloc ushort[MaxUpstreamNacks];
        int upstreamCount = 0;
        long oldest = now - _cacheTicks;
        for (int i = 0; i < nack.ItemCount; i++)
        {
            NackItem item = nack.GetItem(i);
            for (int bit = -1; bit < 16; bit++)
            {
                if (bit >= 0 && (item.LostBitmask & (1 << bit)) == 0)
                {
                    continue;
                }

                ushort sequence = (ushort)(item.PacketId + bit + 1);
                ushort sourceSequence = (ushort)(sequence - view.SequenceDelta);
                if (track.Cache.TryGet(sourceSequence, view.Epoch, oldest, out ReadOnlySpan<byte> cached))
                {
                    Retransmit(subscriber, view, cached, sink);
                }
                else if (view.Epoch == track.Epoch && upstreamCount < upstream.Length
                    && track.TryMarkUpstreamNack(sourceSequence, now, UpstreamNackRepeatTicks))
                {
                    upstream[upstreamCount++] = sourceSequence;
                }
            }
        }

        if (upstreamCount > 0)
        {
            Span<NackItem> items = stackalloc NackItem[MaxUpstreamNacks];
            if (NackList.TryCompact(upstream[..upstreamCount], items, out int itemCount))
            {
                Participant publisher = track.Publisher;
                Span<byte> buffer = BeginFeedback(publisher, sink, out int offset, out int limit);
                if (GenericNack.TryWrite(buffer[offset..limit], publisher.GatewaySsrc, track.CurrentSsrc, items[..itemCount], out int written))
                {
                    SendRtcp(publisher, buffer, offset + written, sink);
                    NacksForwarded++;
                }
            }
        }
    }

    private void Retransmit(Participant subscriber, ForwardState view, ReadOnlySpan<byte> cached, IMediaSink sink)
    {
        if (!subscriber.Path.IsSet || !SyncRetransmitStream(subscriber, view.OutputSsrc))
        {
            return;
        }

        Span<byte> buffer = sink.Reserve();
        if (cached.Length + subscriber.Retransmit.RtpTagLength > buffer.Length)
        {
            return;
        }

        cached.CopyTo(buffer);
        view.Rewrite(buffer, BinaryPrimitives.ReadUInt16BigEndian(cached[2..]), BinaryPrimitives.ReadUInt32BigEndian(cached[4..]));
        if (subscriber.Retransmit.ProtectRtp(buffer, cached.Length, out int protectedLength) == SrtpResult.Ok)
        {
            sink.Commit(protectedLength, subscriber.Path, 0);
            RetransmittedFromCache++;
        }
    }

    /// <summary>
    /// Brings the retransmission session's stream for <paramref name="ssrc"/> near the outbound session's, so that
    /// both give a sequence number the same index (RFC 3711 §3.3.1 estimates the ROC from the highest index seen):
    /// a retransmission must be the very packet sent before, never another plaintext under the same nonce. The
    /// session learns the ROC only from what it protects, so it is walked forward with throw-away packets at old
    /// indices (never sent, and older than any cached packet) in steps the estimate follows. False when it cannot be.
    /// </summary>
    private static bool SyncRetransmitStream(Participant subscriber, uint ssrc)
    {
        if (!subscriber.Outbound.TryGetRtpState(ssrc, out uint outboundRoc, out ushort outboundHighest))
        {
            return false;
        }

        long target = ((long)outboundRoc << 16) | outboundHighest;
        long current = subscriber.Retransmit.TryGetRtpState(ssrc, out uint roc, out ushort highest) ? ((long)roc << 16) | highest : -1;
        if (current < 0 && target < RetransmitSyncStep)
        {
            return true; // both start at ROC 0 and the estimate of any cached sequence number agrees
        }

        Span<byte> dummy = stackalloc byte[RtpHeader.FixedLength + 32];
        while (target - current >= RetransmitSyncStep)
        {
            long next = current < 0 ? Math.Min(target - RetransmitSyncLag, ushort.MaxValue) : Math.Min(current + RetransmitSyncStep, target - RetransmitSyncLag);
            if (next <= current)
            {
                return false;
            }

            dummy.Clear();
            dummy[0] = 0x80;
            BinaryPrimitives.WriteUInt16BigEndian(dummy[2..], (ushort)next);
            BinaryPrimitives.WriteUInt32BigEndian(dummy[8..], ssrc);
            SrtpResult result = subscriber.Retransmit.ProtectRtp(dummy, RtpHeader.FixedLength, out _);
            dummy.Clear();
            if (result != SrtpResult.Ok)
            {
                return false;
            }

            current = next;
        }

        return true;
    }

    /// <summary>PLI/FIR (RFC 4585 §6.3.1, RFC 5104 §4.3.1): to the publisher, at most once per throttle interval per track.</summary>
    private void OnPictureLoss(Participant subscriber, uint mediaSsrc, long now, IMediaSink sink, bool fullIntra)
    {
        Subscription? subscription = subscriber.FindSubscription(mediaSsrc);
        if (subscription is null)
        {
            return;
        }

        RequestKeyframe(subscription.Track, now, sink, fullIntra);
    }

    /// <summary>Sends the publisher of <paramref name="track"/> a PLI (or FIR), unless one went within the throttle interval.</summary>
    private void RequestKeyframe(PublishedTrack track, long now, IMediaSink sink, bool fullIntra)
    {
        if (now - track.LastPictureLossTicks < _pliThrottleTicks)
        {
            track.PictureLossThrottled++;
            return;
        }

        Participant publisher = track.Publisher;
        if (!publisher.Active)
        {
            return;
        }

        Span<byte> buffer = BeginFeedback(publisher, sink, out int offset, out int limit);
        int written;
        bool ok;
        if (fullIntra)
        {
            Span<FirEntry> entry = [new FirEntry(track.CurrentSsrc, ++track.FirSequence)];
            ok = FullIntraRequest.TryWrite(buffer[offset..limit], publisher.GatewaySsrc, entry, out written);
        }
        else
        {
            ok = PictureLossIndication.TryWrite(buffer[offset..limit], publisher.GatewaySsrc, track.CurrentSsrc, out written);
        }

        if (ok)
        {
            track.LastPictureLossTicks = now;
            track.PictureLossForwarded++;
            SendRtcp(publisher, buffer, offset + written, sink);
        }
    }

    /// <summary>REMB: each subscriber's estimate per stream is kept; the publisher hears the least of them.</summary>
    private void OnRemb(Participant subscriber, ReceiverEstimatedMaxBitrate remb, long now, IMediaSink sink)
    {
        ulong bitrate = remb.Bitrate;
        for (int i = 0; i < remb.SsrcCount; i++)
        {
            Subscription? subscription = subscriber.FindSubscription(remb.GetSsrc(i));
            if (subscription is null)
            {
                continue;
            }

            subscription.RembBitrate = bitrate;
            subscription.RembTicks = now;
            SendRembUpstream(subscription.Track.Publisher, now, sink);
        }
    }

    private void SendRembUpstream(Participant publisher, long now, IMediaSink sink)
    {
        ulong minimum = ulong.MaxValue;
        PublishedTrack[] tracks = publisher.Tracks;
        Span<uint> ssrcs = stackalloc uint[16];
        int ssrcCount = 0;
        foreach (PublishedTrack track in tracks)
        {
            bool any = false;
            foreach (Subscription subscription in track.Subscriptions)
            {
                if (subscription.RembTicks != 0 && now - subscription.RembTicks < RembValidTicks)
                {
                    minimum = Math.Min(minimum, subscription.RembBitrate);
                    any = true;
                }
            }

            if (any && ssrcCount < ssrcs.Length)
            {
                ssrcs[ssrcCount++] = track.CurrentSsrc;
            }
        }

        if (minimum == ulong.MaxValue || !publisher.Active
            || (minimum >= publisher.LastRembSent && now - publisher.LastRembTicks < RembIntervalTicks))
        {
            return;
        }

        Span<byte> buffer = BeginFeedback(publisher, sink, out int offset, out int limit);
        if (ReceiverEstimatedMaxBitrate.TryWrite(buffer[offset..limit], publisher.GatewaySsrc, minimum, ssrcs[..ssrcCount], out int written))
        {
            publisher.LastRembSent = minimum;
            publisher.LastRembTicks = now;
            RembsForwarded++;
            SendRtcp(publisher, buffer, offset + written, sink);
        }
    }

    /// <summary>Starts a compound RTCP packet to <paramref name="to"/> with an empty RR (RFC 4585 §3.1: feedback travels in a compound packet).</summary>
    private static Span<byte> BeginFeedback(Participant to, IMediaSink sink, out int offset, out int limit)
    {
        Span<byte> buffer = sink.Reserve();
        limit = buffer.Length - to.Outbound.RtcpOverhead;
        ReceiverReport.TryWrite(buffer[..limit], to.GatewaySsrc, [], out offset);
        return buffer;
    }

    /// <summary>Protects the compound packet in <paramref name="buffer"/> with the participant's outbound key and queues it.</summary>
    private void SendRtcp(Participant to, Span<byte> buffer, int length, IMediaSink sink)
    {
        if (!to.Path.IsSet)
        {
            return;
        }

        if (to.Outbound.ProtectRtcp(buffer, length, out int protectedLength) != SrtpResult.Ok)
        {
            _counters.Drop(MediaDropReason.SendFailed);
            return;
        }

        sink.Commit(protectedLength, to.Path, 0);
    }
}
