using Gateway.Client.Join;
using Gateway.Client.Media.Audio;
using Gateway.Client.Media.Video;
using Gateway.Client.Statistics;
using Gateway.Rtp.Packets;

namespace Gateway.Client.Media;

/// <summary>
/// A stream another participant publishes, as this session receives it: found by its SSRC, tied to its publisher by
/// the <c>track</c> events, with its own counters. Audio is reordered, decoded and concealed by a jitter buffer;
/// video frames are reassembled from their packets.
/// </summary>
public sealed class RemoteTrack
{
    private readonly AudioReceiver? _audio;
    private readonly VideoReceiver? _video;
    private string? _participantId;
    private volatile bool _endToEndEncrypted = true;

    internal RemoteTrack(uint ssrc, MediaKind kind, ReceiveContext context)
    {
        Ssrc = ssrc;
        Kind = kind;
        if (kind == MediaKind.Audio)
        {
            _audio = new AudioReceiver(this, context);
        }
        else
        {
            _video = new VideoReceiver(this, context);
        }
    }

    /// <summary>The SSRC its packets carry.</summary>
    public uint Ssrc { get; }

    /// <summary>Audio or video.</summary>
    public MediaKind Kind { get; }

    /// <summary>The publisher's participant id; null until the <c>track</c> event for this SSRC arrived.</summary>
    public string? ParticipantId
    {
        get => Volatile.Read(ref _participantId);
        internal set => Volatile.Write(ref _participantId, value);
    }

    /// <summary>
    /// Whether the publisher encrypts end to end (its <c>joined</c> event said so; true until known). In an
    /// <c>optional</c> room a participant without E2EE sends plain frames: they are decoded without SFrame.
    /// </summary>
    public bool EndToEndEncrypted
    {
        get => _endToEndEncrypted;
        internal set => _endToEndEncrypted = value;
    }

    /// <summary>This track's counters.</summary>
    public RemoteTrackStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Ssrc} from {ParticipantId ?? "?"}";

    /// <summary>Takes one authenticated RTP packet of this track (receive loop only).</summary>
    internal void OnPacket(RtpPacket packet, long arrivalTimestamp)
    {
        if (_audio is not null)
        {
            _audio.OnPacket(packet, arrivalTimestamp);
        }
        else
        {
            _video!.OnPacket(packet, arrivalTimestamp);
        }
    }
}
