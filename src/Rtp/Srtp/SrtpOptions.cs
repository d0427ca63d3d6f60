namespace Gateway.Rtp.Srtp;

/// <summary>Settings of one <see cref="SrtpSession"/>, checked by <see cref="SrtpSession.Create"/>.</summary>
public sealed class SrtpOptions
{
    /// <summary>The smallest replay window: RFC 3711 §3.3.2 asks for at least 64.</summary>
    public const int MinReplayWindow = 64;

    /// <summary>The largest replay window this implementation keeps.</summary>
    public const int MaxReplayWindow = 1024;

    /// <summary>The most streams a session may be configured for.</summary>
    public const int MaxStreamsLimit = 4096;

    /// <summary>The options <see cref="SrtpSession.Create"/> uses when given none.</summary>
    internal static readonly SrtpOptions Default = new();

    /// <summary>
    /// Packets per SSRC the replay window remembers, the newest included (RFC 3711 §3.3.2): a packet up to
    /// this many indices behind the newest is accepted once; one further behind is <see cref="SrtpResult.TooOld"/>.
    /// A multiple of 64 from 64 to 1024; 128 by default (video bursts reorder more than 64 packets at times).
    /// The same size serves SRTCP indices. An outbound session uses it to refuse protecting an index twice.
    /// </summary>
    public int ReplayWindow { get; init; } = 128;

    /// <summary>
    /// The most SSRCs (streams) a session keeps state for, per RTP and per RTCP; 1 to 4096, 64 by default.
    /// A packet of a further SSRC is <see cref="SrtpResult.UnknownSsrc"/>.
    /// </summary>
    public int MaxStreams { get; init; } = 64;

    /// <summary>
    /// Whether a packet of an SSRC not seen before makes a new stream (true, the default: SSRCs are
    /// learned from the traffic, as SDP rarely lists them all). When false only SSRCs given to
    /// <see cref="SrtpSession.TryAddStream"/> are accepted. A new inbound stream is made only after its
    /// first packet authenticates, so forged packets cannot fill the table.
    /// </summary>
    public bool AllowUnknownSsrc { get; init; } = true;

    /// <summary>
    /// Whether RTP payloads are encrypted (true, the default). False authenticates only (RFC 3711 §3.1
    /// allows it; with AEAD the whole packet is then associated data, the form of RFC 7714 §16.1.3). Both sides
    /// must agree: SRTP packets do not say which form they are.
    /// </summary>
    public bool EncryptRtp { get; init; } = true;

    /// <summary>
    /// Whether outbound SRTCP packets are encrypted (true, the default: E=1). False sends them
    /// authenticated only (E=0, RFC 3711 §3.4). Inbound packets say which they are in their E flag.
    /// </summary>
    public bool EncryptRtcp { get; init; } = true;

    internal void Validate(string paramName)
    {
        if (ReplayWindow is < MinReplayWindow or > MaxReplayWindow || ReplayWindow % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(paramName, ReplayWindow,
                $"{nameof(ReplayWindow)} must be a multiple of 64 from {MinReplayWindow} to {MaxReplayWindow}.");
        }

        if (MaxStreams is < 1 or > MaxStreamsLimit)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxStreams,
                $"{nameof(MaxStreams)} must be from 1 to {MaxStreamsLimit}.");
        }
    }
}
