namespace Gateway.Rtp.Packets;

/// <summary>
/// The client-to-mixer audio level of RFC 6464 (urn:ietf:params:rtp-hdrext:ssrc-audio-level).
/// </summary>
/// <remarks>
/// RFC 6464 §3, one byte:
/// <code>
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |V|   level     |
/// +-+-+-+-+-+-+-+-+
/// </code>
/// V is the voice activity flag; level is the audio level in -dBov, 0 (loudest) to 127 (silence).
/// </remarks>
public readonly record struct AudioLevel
{
    /// <summary>The quietest level: 127 means -127 dBov, digital silence for practical purposes.</summary>
    public const int Silence = 127;

    /// <summary>The size of the element value.</summary>
    public const int Length = 1;

    /// <summary>An audio level; <paramref name="level"/> is 0..127 (-dBov).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0..127.</exception>
    public AudioLevel(bool voiceActivity, int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Silence);
        VoiceActivity = voiceActivity;
        Level = level;
    }

    /// <summary>The V flag: the encoder believes the packet holds voice.</summary>
    public bool VoiceActivity { get; }

    /// <summary>The level in -dBov: 0 is the loudest, 127 the quietest.</summary>
    public int Level { get; }

    /// <summary>Reads a 1-byte RFC 6464 value; false for any other length.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out AudioLevel level)
    {
        if (value.Length != Length)
        {
            level = default;
            return false;
        }

        level = new AudioLevel((value[0] & 0x80) != 0, value[0] & 0x7F);
        return true;
    }

    /// <summary>The 1-byte wire value.</summary>
    public byte ToByte() => (byte)((VoiceActivity ? 0x80 : 0) | Level);
}
