namespace Gateway.Client.Media.Audio;

/// <summary>The RFC 6464 audio level of a PCM frame: its RMS in −dBov, 0 (loudest) to 127 (silence).</summary>
internal static class AudioLevelMeter
{
    public static int Measure(ReadOnlySpan<short> pcm)
    {
        if (pcm.IsEmpty)
        {
            return 127;
        }

        double sum = 0;
        foreach (short sample in pcm)
        {
            sum += (double)sample * sample;
        }

        double rms = Math.Sqrt(sum / pcm.Length) / 32768.0;
        if (rms <= 0)
        {
            return 127;
        }

        double dbov = -20.0 * Math.Log10(rms);
        return (int)Math.Clamp(Math.Round(dbov), 0, 127);
    }
}
