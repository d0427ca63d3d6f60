namespace Gateway.Rtp.Sdp;

/// <summary>
/// A session description (RFC 8866): the session-level lines and the media sections. Read with
/// <see cref="SdpParser"/>, written with <see cref="SdpWriter"/>. May hold SRTP keys (a=crypto): call
/// <see cref="ClearKeys"/> when done.
/// </summary>
public sealed class SdpSessionDescription
{
    /// <summary>The origin (o=).</summary>
    public required SdpOrigin Origin { get; init; }

    /// <summary>The session name (s=), "-" when there is none.</summary>
    public string SessionName { get; init; } = "-";

    /// <summary>The session-level connection (c=), or null.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The start time of the first t= line (0: unbounded).</summary>
    public ulong StartTime { get; init; }

    /// <summary>The stop time of the first t= line (0: unbounded).</summary>
    public ulong StopTime { get; init; }

    /// <summary>a=ice-lite (RFC 8839 §5.3).</summary>
    public bool IceLite { get; init; }

    /// <summary>Session-level a=ice-ufrag, or null.</summary>
    public string? IceUfrag { get; init; }

    /// <summary>Session-level a=ice-pwd, or null.</summary>
    public string? IcePassword { get; init; }

    /// <summary>Session-level a=setup, or null.</summary>
    public string? Setup { get; init; }

    /// <summary>The session-level direction, or null.</summary>
    public SdpDirection? Direction { get; init; }

    /// <summary>
    /// The value of the session-level <c>a=e2ee</c> attribute (this gateway's own: the participant's media
    /// payloads are end-to-end encrypted, e.g. "sframe"), or null.
    /// </summary>
    public string? E2ee { get; init; }

    /// <summary>Session-level attribute lines without a model here.</summary>
    public IReadOnlyList<SdpAttributeLine> OtherAttributes { get; init; } = [];

    /// <summary>The media sections in order.</summary>
    public IReadOnlyList<SdpMediaDescription> Media { get; init; } = [];

    /// <summary>Wipes every crypto key of every media section.</summary>
    public void ClearKeys()
    {
        foreach (SdpMediaDescription media in Media)
        {
            foreach (SdpCrypto crypto in media.Crypto)
            {
                crypto.Clear();
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"SDP session {Origin.SessionId} with {Media.Count} media section(s)";
}
