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

    public IAudioFrameSink? AudioSink { get; init; }
}
