using Gateway.Client.Encryption;
using Gateway.Client.Statistics;

namespace Gateway.Client.Media;

/// <summary>
/// Undoes <see cref="FramePayload"/> on a received frame: end-to-end decryption (counted by outcome; skipped for a
/// publisher without E2EE in an optional room), then the capture stamp, which becomes a latency sample, leaving the
/// codec frame.
/// </summary>
internal static class FrameOpener
{
    public static bool TryOpen(ReadOnlySpan<byte> payload, uint ssrc, bool encrypted, ReceiveContext context, RemoteTrackStatistics track, Span<byte> scratch, out ReadOnlySpan<byte> frame)
    {
        frame = payload;
        if (encrypted && context.Encryption is IFrameEncryption encryption)
        {
            FrameDecryptResult result = encryption.TryUnprotect(ssrc, payload, scratch, out int written);
            if (result != FrameDecryptResult.Ok)
            {
                if (result == FrameDecryptResult.NoKey)
                {
                    track.E2eeMissingKey++;
                }
                else
                {
                    track.E2eeFailed++;
                }

                return false;
            }

            frame = scratch[..written];
        }

        if (context.CaptureTimestamps)
        {
            if (!CaptureTimestamp.TryRead(frame, out long captured))
            {
                context.Statistics.CountMalformed();
                return false;
            }

            long latency = CaptureTimestamp.NowMicroseconds() - captured;
            track.Latency.Record(latency);
            context.Statistics.Latency.Record(latency);
            frame = frame[CaptureTimestamp.Length..];
        }

        return true;
    }
}
