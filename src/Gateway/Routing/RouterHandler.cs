using System.Buffers.Binary;
using System.Diagnostics;
using Gateway.Crypto.Native;
using Gateway.Rtp.Demux;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// One worker's half of the router: every packet of the meetings that worker owns passes through here, on the
/// worker's thread only. Per packet it allocates nothing, takes no lock and throws nothing.
/// </summary>
/// <remarks>
/// RTP: find the sender (source path, else the clear SSRC), charge its rate limit, SRTP-unprotect in place, latch
/// its path once authenticated, then hand a copy to every subscriber of the track — rewritten where that
/// subscriber's view needs it and re-protected with the subscriber's own key. Payload bytes are never read or
/// changed (end-to-end encrypted media passes through as it is); only a subscriber waiting for a video key frame
/// has the payload of a publisher that is not end-to-end encrypted read (<see cref="KeyframeDetector"/>). RTCP terminates here (per hop); STUN is
/// answered as an ICE-lite agent.
/// </remarks>
internal sealed partial class RouterHandler : IMediaHandler
{
    private readonly MediaRouter _router;
    private readonly int _worker;
    private readonly MediaCounters _counters;
    private readonly long _cacheTicks;
    private readonly long _pliThrottleTicks;

    // The track of the last packet forwarded: its subscribers' state is in cache for the next packet of the same track.
    private PublishedTrack? _lastTrack;

    // The publisher of the last RTP packet: its state is in cache for its next packet.
    private Participant? _lastSender;

    /// <summary>How long a subscriber waits for a key frame before the gateway asks the publisher again.</summary>
    private static readonly long KeyframeRetryTicks = Stopwatch.Frequency;

    public RouterHandler(MediaRouter router, int worker, MediaCounters counters)
    {
        _router = router;
        _worker = worker;
        _counters = counters;
        _cacheTicks = router.Options.NackCacheMilliseconds * Stopwatch.Frequency / 1_000;
        _pliThrottleTicks = router.Options.PliThrottleMilliseconds * Stopwatch.Frequency / 1_000;
    }

    /// <summary>NACKed packets answered from a track's cache.</summary>
    public long RetransmittedFromCache { get; private set; }

    /// <summary>NACKs passed on to publishers (for packets not in the cache).</summary>
    public long NacksForwarded { get; private set; }

    /// <summary>REMBs sent to publishers.</summary>
    public long RembsForwarded { get; private set; }

    /// <summary>RTCP compound reports (SR/RR) sent.</summary>
    public long ReportsSent { get; private set; }

    public void OnPacket(Span<byte> packet, in MediaPath source, long receivedTimestamp, IMediaSink sink)
    {
        switch (PacketClassifier.Classify(packet))
        {
            case MultiplexedPacketKind.Rtp:
                OnRtp(packet, source, receivedTimestamp, sink);
                break;
            case MultiplexedPacketKind.Rtcp:
                OnRtcp(packet, source, receivedTimestamp, sink);
                break;
            case MultiplexedPacketKind.Stun:
                OnStun(packet, source, receivedTimestamp, sink);
                break;
            default:
                _counters.Drop(MediaDropReason.Malformed);
                break;
        }
    }

    private void OnRtp(Span<byte> packet, in MediaPath source, long now, IMediaSink sink)
    {
        if (packet.Length < RtpHeader.FixedLength)
        {
            _counters.Drop(MediaDropReason.Malformed);
            return;
        }

        Participant? sender = Identify(packet, source, ssrcOffset: 8, now);
        if (sender is null)
        {
            return;
        }

        // What forwarding will read of the publisher is asked for now, to arrive while the packet is being decrypted.
        if (!ReferenceEquals(sender, _lastSender))
        {
            PrefetchPublisher(sender);
            _lastSender = sender;
        }

        SrtpResult result = sender.Inbound.UnprotectRtp(packet, packet.Length, out int length);
        if (result != SrtpResult.Ok)
        {
            _counters.Drop(ToDropReason(result));
            return;
        }

        // Latching: only now that the packet authenticated with the participant's own key.
        if (sender.Path != source)
        {
            _router.Latch(sender, source);
        }

        sender.MediaLatched = true;
        Forward(sender, packet[..length], now, sink);
    }

    /// <summary>
    /// The participant that may have sent the packet (by its source path, else by the clear SSRC at
    /// <paramref name="ssrcOffset"/>), with its rate limit charged; null (counted) when none or over the limit.
    /// </summary>
    private Participant? Identify(ReadOnlySpan<byte> packet, in MediaPath source, int ssrcOffset, long now)
    {
        Participant? participant = _router.FindByPath(source);
        bool byPath = participant is not null;
        participant ??= _router.FindBySsrc(BinaryPrimitives.ReadUInt32BigEndian(packet[ssrcOffset..]), _worker);
        if (participant is null || !participant.Active || participant.Meeting.Worker != _worker)
        {
            _counters.Drop(MediaDropReason.UnknownSource);
            return null;
        }

        // The limit is charged before any decryption. Packets from a path not (yet) the participant's own draw on a
        // bucket of their own, so a stranger forging its SSRC cannot use up the participant's real budget.
        bool allowed = byPath ? participant.Bucket.TryTake(now) : participant.LatchBucket.TryTake(now);
        if (!allowed)
        {
            _counters.Drop(MediaDropReason.RateLimited);
            return null;
        }

        return participant;
    }

    private void Forward(Participant sender, ReadOnlySpan<byte> packet, long now, IMediaSink sink)
    {
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        uint timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        PublishedTrack? track = sender.FindTrack(ssrc, out bool isRtx) ?? Restarted(sender, ssrc, now);
        if (track is null || !RtpHeader.TryGetLength(packet, out int headerLength))
        {
            _counters.Drop(MediaDropReason.UnknownSource);
            return;
        }

        int epoch = 0;
        if (!isRtx)
        {
            if (!track.Statistics.Update(sequence, timestamp, now))
            {
                // A sequence jump: the publisher restarted its numbering. Subscribers re-base; the cache stops matching.
                track.Epoch++;
            }

            epoch = track.Epoch;
            track.Cache.Store(packet, sequence, epoch, now);
            if (track.AudioLevelExtensionId != 0)
            {
                track.ObserveLevel(packet, now);
            }
        }

        int payloadLength = packet.Length - headerLength;
        KeyframeStart keyframe = KeyframeStart.Unknown;
        Subscription[] subscriptions = track.Subscriptions;
        // Only where the subscribers' state is likely cold: after another track's packet. The rest of a burst (a video
        // frame's fragments) finds it in cache from the packet before.
        if (!ReferenceEquals(track, _lastTrack) && subscriptions.Length > 1)
        {
            PrefetchSubscribers(subscriptions, isRtx);
        }

        _lastTrack = track;

        for (int i = 0; i < subscriptions.Length; i++)
        {
            Subscription subscription = subscriptions[i];
            ForwardState? view = isRtx ? subscription.Rtx : subscription.Media;
            Participant subscriber = subscription.Subscriber;
            if (view is null || !subscriber.Path.IsSet)
            {
                continue;
            }

            // A subscriber starts a video stream (and starts again after a publisher restart) at a key frame. What is
            // held back is never numbered for it: its view re-bases at the key frame, so it sees no gap.
            if (subscription.WaitingForKeyframe && !StartsForSubscriber(subscription, packet, isRtx, ref keyframe, now, sink))
            {
                _counters.Drop(MediaDropReason.KeyframeWait);
                continue;
            }

            if (view.Epoch != epoch)
            {
                view.Rebase(epoch, sequence, timestamp, now, track.ClockRate);
            }
            else if (track.Keyframes is not null && !isRtx && view.PrecedesEpochStart((ushort)(sequence + view.SequenceDelta)))
            {
                // Reordered from before the key frame the subscriber started at: it cannot use it, and under a re-based
                // numbering it would take an index the subscriber's session has already used.
                _counters.Drop(MediaDropReason.KeyframeWait);
                continue;
            }

            // One subscriber's failure (no room, a refused index) costs only its own copy. Its stream of the view's SSRC
            // is found at the first packet and kept; without one (the session's table is full) the session refuses too.
            SrtpSender? stream = subscription.SenderOf(view);
            Span<byte> buffer = sink.Reserve();
            if (stream is null || packet.Length + stream.TagLength > buffer.Length)
            {
                _counters.Drop(stream is null ? MediaDropReason.SendFailed : MediaDropReason.Malformed);
                continue;
            }

            // Only the header is copied (and rewritten where the subscriber's view needs it); the payload is encrypted
            // straight from the received packet into the send slot, one pass over its bytes per subscriber. A header
            // that needs no rewrite is also authenticated from the received packet rather than from the fresh copy.
            ushort outSequence = sequence;
            ReadOnlySpan<byte> header = packet[..headerLength];
            if (view.Rewrites(ssrc))
            {
                header.CopyTo(buffer);
                outSequence = view.Rewrite(buffer, sequence, timestamp);
                header = default;
            }

            if (stream.Protect(buffer, header, packet[headerLength..], out int protectedLength) != SrtpResult.Ok)
            {
                _counters.Drop(MediaDropReason.SendFailed);
                continue;
            }

            sink.Commit(protectedLength, subscriber.Path, now, ref subscriber.SendHint);
            _counters.CountForwarded();
            view.Sent(outSequence, timestamp, now, payloadLength);
        }
    }

    /// <summary>
    /// Asks for the publisher's tracks and what forwarding reads of each (statistics, retransmission cache,
    /// subscriptions), level by level: the last level arrives while the packet is decrypted.
    /// </summary>
    private static void PrefetchPublisher(Participant sender)
    {
        PublishedTrack[] tracks = sender.Tracks;
        CachePrefetch.Instance(tracks);
        for (int i = 0; i < tracks.Length; i++)
        {
            CachePrefetch.Instance(tracks[i], 2);
        }

        for (int i = 0; i < tracks.Length; i++)
        {
            PublishedTrack track = tracks[i];
            CachePrefetch.Instance(track.Statistics);
            CachePrefetch.Instance(track.Cache);
            CachePrefetch.Instance(track.Subscriptions);
        }
    }

    /// <summary>
    /// Asks for every subscriber's state before the loop reaches the first (see <see cref="CachePrefetch"/>): level by
    /// level — subscriptions, then their views, participants and senders, then what the senders read (session, window
    /// and bitmap, key and schedule) — so that the cache misses of all subscribers overlap instead of coming one after
    /// another. Three levels: each waits about one memory round trip for the one before.
    /// </summary>
    private static void PrefetchSubscribers(Subscription[] subscriptions, bool isRtx)
    {
        for (int i = 0; i < subscriptions.Length; i++)
        {
            CachePrefetch.Instance(subscriptions[i]);
        }

        for (int i = 0; i < subscriptions.Length; i++)
        {
            Subscription subscription = subscriptions[i];
            CachePrefetch.Instance(isRtx ? subscription.Rtx : subscription.Media);
            CachePrefetch.Instance(subscription.Subscriber, 3);
            CachePrefetch.Instance(isRtx ? subscription.RtxSender : subscription.MediaSender);
        }

        for (int i = 0; i < subscriptions.Length; i++)
        {
            Subscription subscription = subscriptions[i];
            (isRtx ? subscription.RtxSender : subscription.MediaSender)?.Prefetch();
        }
    }

    /// <summary>
    /// For a subscriber waiting for a key frame: whether this packet ends the wait (it starts a key frame; judged once
    /// per packet, and only when someone waits). Otherwise the publisher is asked for a key frame (PLI, through the
    /// track's throttle) at the first packet held back in this wait and again every <see cref="KeyframeRetryTicks"/>,
    /// in case the request or the key frame was lost. Retransmissions never end a wait.
    /// </summary>
    private bool StartsForSubscriber(Subscription subscription, ReadOnlySpan<byte> packet, bool isRtx, ref KeyframeStart keyframe, long now, IMediaSink sink)
    {
        PublishedTrack track = subscription.Track;
        if (!isRtx)
        {
            if (keyframe == KeyframeStart.Unknown)
            {
                keyframe = track.Keyframes!.StartsKeyframe(packet) ? KeyframeStart.Yes : KeyframeStart.No;
            }

            if (keyframe == KeyframeStart.Yes)
            {
                return true;
            }
        }

        if (subscription.KeyframeRequestEpoch != track.Epoch || now - subscription.KeyframeRequestTicks >= KeyframeRetryTicks)
        {
            subscription.KeyframeRequestEpoch = track.Epoch;
            subscription.KeyframeRequestTicks = now;
            RequestKeyframe(track, now, sink, fullIntra: false);
        }

        return false;
    }

    /// <summary>
    /// An authenticated packet with an SSRC the participant did not publish. A participant with one track that
    /// restarts its sender (a new random SSRC, as a restarted ffmpeg does) keeps its track: the new SSRC replaces
    /// the old one and subscribers' views stay continuous. At most once a second per track; otherwise null.
    /// </summary>
    private PublishedTrack? Restarted(Participant sender, uint ssrc, long now)
    {
        PublishedTrack[] tracks = sender.Tracks;
        if (tracks.Length != 1 || tracks[0].Ended || now - tracks[0].LastRestartTicks < Stopwatch.Frequency)
        {
            return null;
        }

        PublishedTrack track = tracks[0];
        track.LastRestartTicks = now;
        Meeting meeting = sender.Meeting;

        // A sender back on its declared SSRC: that SSRC stayed reserved (subscribers see it) and indexed.
        bool backToOriginal = ssrc == track.OriginalSsrc;
        lock (meeting.Gate)
        {
            if ((!backToOriginal && meeting.Ssrcs.Contains(ssrc)) || sender.Left)
            {
                return null;
            }

            // Subscribers keep seeing the original SSRC, which therefore stays reserved in the meeting.
            if (track.CurrentSsrc != track.OriginalSsrc)
            {
                meeting.Ssrcs.Remove(track.CurrentSsrc);
                _router.UnindexSsrc(track.CurrentSsrc, sender);
            }

            meeting.Ssrcs.Add(ssrc);
            track.CurrentSsrc = ssrc;
        }

        if (!backToOriginal)
        {
            _router.IndexSsrc(ssrc, sender);
        }

        track.Epoch++;
        track.Statistics = new ReceiveStatistics(track.ClockRate);
        track.HasSenderReport = false;
        return track;
    }

    /// <summary>Whether the packet being forwarded starts a key frame: judged at most once per packet.</summary>
    private enum KeyframeStart : byte
    {
        Unknown,
        No,
        Yes,
    }

    private static MediaDropReason ToDropReason(SrtpResult result) => result switch
    {
        SrtpResult.AuthenticationFailed => MediaDropReason.AuthFailed,
        SrtpResult.Replayed or SrtpResult.TooOld => MediaDropReason.Replayed,
        SrtpResult.UnknownSsrc => MediaDropReason.UnknownSource,
        _ => MediaDropReason.Malformed,
    };
}
