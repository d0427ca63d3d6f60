using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// A joining participant, as the control API read it from the token and the SDP offer. Holds the
/// participant's SRTP master key: not a record, so it never prints; the router wipes its copy once the
/// SRTP session holds it.
/// </summary>
public sealed class ParticipantSpec
{
    /// <summary>The identity from the access token (sub).</summary>
    public required string Identity { get; init; }

    /// <summary>Where to send until the participant's own authenticated packets show another source (latching); None when unknown.</summary>
    public MediaPath OfferedPath { get; init; }

    /// <summary>The SRTP profile both directions use (the first a=crypto suite the gateway supports).</summary>
    public required SrtpProfile Profile { get; init; }

    /// <summary>The participant's master key followed by its master salt (a=crypto inline): protects what it sends.</summary>
    public required byte[] InboundKeyAndSalt { get; init; }

    /// <summary>The tracks it publishes (may be empty for a receive-only participant).</summary>
    public IReadOnlyList<TrackSpec> Tracks { get; init; } = [];

    /// <summary>Whether it declared end-to-end encryption of its media (a=e2ee or the API's flag).</summary>
    public bool E2ee { get; init; }

    /// <summary>The ICE username fragment it offered, if any (STUN demux).</summary>
    public string? IceUfrag { get; init; }
}
