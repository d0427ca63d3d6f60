namespace Gateway.Client.Join;

/// <summary>What a track carries.</summary>
public enum MediaKind
{
    /// <summary>Opus audio, payload type 111, 48 kHz RTP clock.</summary>
    Audio = 0,

    /// <summary>VP8-style video, payload type 96, 90 kHz RTP clock.</summary>
    Video,
}
