namespace Gateway.Client.Media;

/// <summary>Receives the decoded audio of remote tracks: one call per 20 ms frame, in order, on the session's receive loop.</summary>
public interface IAudioFrameSink
{
    /// <summary>
    /// One frame of <paramref name="track"/>: <see cref="RtpFormats.SamplesPerFrame"/> mono 48 kHz samples, valid only during
    /// the call. <paramref name="concealed"/> when Opus packet loss concealment made it for a missing packet.
    /// </summary>
    void OnAudioFrame(RemoteTrack track, ReadOnlySpan<short> pcm, bool concealed);
}
