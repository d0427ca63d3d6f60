using System.Buffers.Binary;

namespace Gateway.Client.Media;

/// <summary>
/// The end-to-end latency stamp (when <see cref="Join.JoinRequest.CaptureTimestamps"/> is on): the first 8 bytes of
/// every published frame's plaintext are the capture time, big-endian microseconds since the Unix epoch; the codec
/// payload follows. It sits inside what SFrame encrypts, so the gateway can neither read nor alter it, and receivers
/// strip it before decoding. Latency is receive time minus capture time, so sender and receiver clocks must agree
/// (one process, or NTP-synchronised hosts).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          capture time, µs since 1970-01-01T00:00Z (64 bits)   |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   codec frame (Opus packet, VP8 frame) ...                    |
/// </code>
/// </remarks>
public static class CaptureTimestamp
{
    /// <summary>Bytes of the stamp.</summary>
    public const int Length = 8;

    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>Now, in microseconds since the Unix epoch.</summary>
    public static long NowMicroseconds() => (DateTime.UtcNow.Ticks - UnixEpochTicks) / 10;

    /// <summary>Writes <paramref name="microseconds"/> into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, long microseconds) => BinaryPrimitives.WriteInt64BigEndian(destination, microseconds);

    /// <summary>Reads the stamp at the start of <paramref name="frame"/>; false when it is too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out long microseconds) => BinaryPrimitives.TryReadInt64BigEndian(frame, out microseconds);
}
