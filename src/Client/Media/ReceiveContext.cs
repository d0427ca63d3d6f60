using Gateway.Client.Encryption;
using Gateway.Client.Statistics;

namespace Gateway.Client.Media;

/// <summary>What every remote track of a session shares: its settings, its counters, the audio sink.</summary>
internal sealed class ReceiveContext
{
    public required SessionStatistics Statistics { get; init; }

    public IFrameEncryption? Encryption { get; init; }

    public bool CaptureTimestamps { get; init; }

    public int JitterBufferFrames { get; init; } = 3;

    public bool DecodeAudio { get; init; } = true;

    /// <summary>The remote audio SSRCs to decode; null: all (see <see cref="Join.JoinRequest.DecodedAudioSsrcs"/>).</summary>
    public IReadOnlySet<uint>? DecodedAudioSsrcs { get; init; }

    /// <summary>Whether the remote audio track <paramref name="ssrc"/> is decoded.</summary>
    public bool Decodes(uint ssrc) => DecodeAudio && (DecodedAudioSsrcs is null || DecodedAudioSsrcs.Contains(ssrc));

    public IAudioFrameSink? AudioSink { get; init; }
}
