namespace Gateway.Rtp.Packets;

/// <summary>
/// The abs-send-time header extension (http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time):
/// the send time as a 24-bit unsigned 6.18 fixed-point number of seconds, wrapping every 64 s.
/// </summary>
/// <remarks>
/// It is the middle 24 bits of the 64-bit NTP timestamp (RFC 5905): 6 bits of seconds and 18 bits of
/// fraction, i.e. <c>(ntp &gt;&gt; 14) &amp; 0xFFFFFF</c>. One unit is 2^-18 s, about 3.8 µs.
/// </remarks>
public static class AbsSendTime
{
    /// <summary>The size of the element value.</summary>
    public const int Length = 3;

    /// <summary>The largest value (24 bits).</summary>
    public const uint MaxValue = 0xFFFFFF;

    /// <summary>Reads a 3-byte value; false for any other length.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out uint sendTime)
    {
        if (value.Length != Length)
        {
            sendTime = 0;
            return false;
        }

        sendTime = ((uint)value[0] << 16) | ((uint)value[1] << 8) | value[2];
        return true;
    }

    /// <summary>Writes the low 24 bits of <paramref name="sendTime"/> into the first 3 bytes of <paramref name="destination"/>; false when it is shorter.</summary>
    public static bool TryWrite(Span<byte> destination, uint sendTime)
    {
        if (destination.Length < Length)
        {
            return false;
        }

        destination[0] = (byte)(sendTime >> 16);
        destination[1] = (byte)(sendTime >> 8);
        destination[2] = (byte)sendTime;
        return true;
    }

    /// <summary>The abs-send-time of a 64-bit NTP timestamp (32.32 fixed point seconds).</summary>
    public static uint FromNtpTimestamp(ulong ntpTimestamp) => (uint)(ntpTimestamp >> 14) & MaxValue;

    /// <summary>The abs-send-time of a non-negative time in microseconds (any epoch; only the value modulo 64 s matters).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="microseconds"/> is negative.</exception>
    public static uint FromMicroseconds(long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        long seconds = microseconds / 1_000_000;
        long fraction = microseconds % 1_000_000;
        return (uint)(((seconds & 63) << 18) | ((fraction << 18) / 1_000_000));
    }

    /// <summary>The value in microseconds, 0 to just under 64 s.</summary>
    public static long ToMicroseconds(uint sendTime) => ((sendTime & MaxValue) * 1_000_000L) >> 18;
}
