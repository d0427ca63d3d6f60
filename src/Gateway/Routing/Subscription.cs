using Gateway.Rtp.Srtp;

namespace Gateway.Routing;

/// <summary>One participant receiving one published track: its view of the media and RTX streams and its last REMB. Worker-owned.</summary>
internal sealed class Subscription
{
    public Subscription(PublishedTrack track, Participant subscriber)
    {
        Track = track;
        Subscriber = subscriber;
        Media = new ForwardState(track.OriginalSsrc);
        Rtx = track.RtxSsrc is uint rtx ? new ForwardState(rtx) : null;
        ContinueOutboundStream(Media, subscriber);
        if (Rtx is not null)
        {
            ContinueOutboundStream(Rtx, subscriber);
        }
    }

    public PublishedTrack Track { get; }

    public Participant Subscriber { get; }

    public ForwardState Media { get; }

    public ForwardState? Rtx { get; }

    /// <summary>
    /// The views' senders (the subscriber's SRTP stream of each view's SSRC), opened at the first packet and kept here,
    /// where the forwarding loop's prefetch reaches them in one step from the subscription.
    /// </summary>
    public SrtpSender? MediaSender { get; private set; }

    public SrtpSender? RtxSender { get; private set; }

    /// <summary>The sender of <paramref name="view"/> (one of this subscription's), opened on first use; null when the subscriber's session has no room.</summary>
    public SrtpSender? SenderOf(ForwardState view)
    {
        bool media = ReferenceEquals(view, Media);
        SrtpSender? sender = media ? MediaSender : RtxSender;
        if (sender is null)
        {
            sender = Subscriber.Outbound.OpenSender(view.OutputSsrc);
            if (media)
            {
                MediaSender = sender;
            }
            else
            {
                RtxSender = sender;
            }
        }

        return sender;
    }

    /// <summary>The subscriber's last REMB for this stream (bits per second), and when it came (0: none).</summary>
    public ulong RembBitrate { get; set; }

    public long RembTicks { get; set; }

    /// <summary>
    /// Whether the subscriber must wait for a key frame before it gets this stream: the track is gated and the
    /// subscriber's view does not belong to the track's epoch yet (a new subscription, or the publisher restarted).
    /// The view re-bases at the key frame itself, so the packets held back leave no gap in its numbering.
    /// </summary>
    public bool WaitingForKeyframe => Track.Keyframes is not null && Media.Epoch != Track.Epoch;

    /// <summary>The track epoch for which the gateway last asked the publisher for a key frame on this subscriber's behalf (-1: never).</summary>
    public int KeyframeRequestEpoch { get; set; } = -1;

    /// <summary>When it last asked.</summary>
    public long KeyframeRequestTicks { get; set; }

    private static void ContinueOutboundStream(ForwardState view, Participant subscriber)
    {
        if (subscriber.Outbound.TryGetRtpState(view.OutputSsrc, out _, out ushort highest))
        {
            view.ContinueAfter(highest);
        }
    }
}
