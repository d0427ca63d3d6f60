using System.Threading.Channels;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Stun;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// One participant of a meeting: its SRTP sessions (one per direction, plus one for retransmissions), where to
/// send, what it publishes and receives, its rate limits and its event stream. The media state is owned by the
/// meeting's worker; the event stream and <see cref="Left"/> are guarded by the meeting's lock.
/// </summary>
internal sealed class Participant : IDisposable
{
    // Token buckets are mutable structs: fields, so the hot path updates them in place.
    public TokenBucket Bucket;
    public TokenBucket LatchBucket;

    public Participant(Meeting meeting, string id, ParticipantSpec spec, SrtpSession inbound, SrtpSession outbound, SrtpSession retransmit,
        string iceUfrag, string icePassword, uint gatewaySsrc, long nowTicks)
    {
        Meeting = meeting;
        Id = id;
        Identity = spec.Identity;
        E2ee = spec.E2ee;
        Inbound = inbound;
        Outbound = outbound;
        Retransmit = retransmit;
        IceUfrag = iceUfrag;
        IcePassword = icePassword;
        Ice = new IceLiteResponder(iceUfrag, icePassword);
        GatewaySsrc = gatewaySsrc;

        // The stream state of the gateway's own RTCP (reports to this participant) is made now, at join, so the
        // worker's first report to it allocates nothing.
        outbound.TryAddStream(gatewaySsrc);
        Path = spec.OfferedPath;
        Bucket = new TokenBucket(meeting.MaxPacketsPerSecond, nowTicks);
        LatchBucket = new TokenBucket(meeting.MaxPacketsPerSecond, nowTicks);
        Events = NewChannel();
    }

    public Meeting Meeting { get; }

    public string Id { get; }

    public string Identity { get; }

    public bool E2ee { get; }

    /// <summary>Unprotects what the participant sends.</summary>
    public SrtpSession Inbound { get; }

    /// <summary>Protects what the gateway sends to it.</summary>
    public SrtpSession Outbound { get; }

    /// <summary>
    /// The same key as <see cref="Outbound"/>, for NACK answers only: an outbound session refuses to protect an
    /// index twice (nonce reuse), but a retransmission is the same packet at the same index, so it goes through a
    /// session of its own; it yields the very same bytes as the original.
    /// </summary>
    public SrtpSession Retransmit { get; }

    public string IceUfrag { get; }

    public string IcePassword { get; }

    public IceLiteResponder Ice { get; }

    /// <summary>The SSRC of the gateway's own RTCP to this participant (receiver reports, feedback).</summary>
    public uint GatewaySsrc { get; }

    /// <summary>Where to send: the offer's address until the participant's authenticated packets show another (latching).</summary>
    /// <remarks>A field: the forwarding loop reads it in place (a 32-byte struct a property would copy per subscriber per packet).</remarks>
    public MediaPath Path;

    /// <summary>The worker's send queue's hint for <see cref="Path"/> (see <see cref="SendGroupHint"/>): forwarded copies to this participant join their group without a lookup.</summary>
    public SendGroupHint SendHint;

    /// <summary>
    /// Whether authenticated RTP (or a verified STUN check) has set <see cref="Path"/>. From then on RTCP does not
    /// move the path: clients without rtcp-mux (ffmpeg) send RTCP from the next port up, and following it would
    /// flip the path with every report.
    /// </summary>
    public bool MediaLatched { get; set; }

    /// <summary>The address key under which the router's lookup finds it (None when not indexed).</summary>
    public RemoteAddress IndexedAddress { get; set; }

    /// <summary>The framed connection under which the router's lookup finds it.</summary>
    public IFramedConnection? IndexedConnection { get; set; }

    public PublishedTrack[] Tracks { get; set; } = [];

    /// <summary>The tracks it receives.</summary>
    public Subscription[] Subscriptions { get; set; } = [];

    /// <summary>Installed on the worker and not yet removed.</summary>
    public bool Active { get; set; }

    /// <summary>Left (or being removed); guarded by the meeting's lock.</summary>
    public bool Left { get; set; }

    // REMB sent upstream to this participant as a publisher.
    public ulong LastRembSent { get; set; } = ulong.MaxValue;

    public long LastRembTicks { get; set; } = long.MinValue / 4;

    /// <summary>The event stream; replaced by each OpenEvents (guarded by the meeting's lock).</summary>
    public Channel<MeetingEvent> Events { get; set; }

    public PublishedTrack? FindTrack(uint ssrc, out bool isRtx)
    {
        PublishedTrack[] tracks = Tracks;
        for (int i = 0; i < tracks.Length; i++)
        {
            PublishedTrack track = tracks[i];
            if (track.CurrentSsrc == ssrc)
            {
                isRtx = false;
                return track;
            }

            if (track.RtxSsrc == ssrc)
            {
                isRtx = true;
                return track;
            }
        }

        isRtx = false;
        return null;
    }

    /// <summary>The subscription whose stream this participant knows as <paramref name="ssrc"/> (its own view).</summary>
    public Subscription? FindSubscription(uint ssrc)
    {
        Subscription[] subscriptions = Subscriptions;
        for (int i = 0; i < subscriptions.Length; i++)
        {
            if (subscriptions[i].Media.OutputSsrc == ssrc)
            {
                return subscriptions[i];
            }
        }

        return null;
    }

    public static Channel<MeetingEvent> NewChannel() => Channel.CreateBounded<MeetingEvent>(
        new BoundedChannelOptions(EventCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false });

    public void Dispose()
    {
        Inbound.Dispose();
        Outbound.Dispose();
        Retransmit.Dispose();
        Ice.Dispose();
        foreach (PublishedTrack track in Tracks)
        {
            track.Dispose();
        }
    }

    /// <summary>Events a slow reader may fall behind by before the oldest are dropped.</summary>
    public const int EventCapacity = 512;
}
