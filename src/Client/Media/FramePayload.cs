using Gateway.Client.Encryption;

namespace Gateway.Client.Media;

/// <summary>
/// What a frame's payload is on the wire: the codec frame, after the capture stamp when stamps are on, all of it
/// end-to-end encrypted when the session is. Builds it in the caller's buffers; on the way in, undoes it.
/// </summary>
internal static class FramePayload
{
    /// <summary>Builds the payload of <paramref name="frame"/>; false when it does not fit or encryption refused (no key yet).</summary>
    public static bool TryBuild(ReadOnlySpan<byte> frame, bool stamp, long captureMicroseconds, IFrameEncryption? encryption, uint ssrc,
        Span<byte> plainBuffer, Span<byte> sealedBuffer, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        ReadOnlySpan<byte> plain = frame;
        if (stamp)
        {
            if (frame.Length + CaptureTimestamp.Length > plainBuffer.Length)
            {
                return false;
            }

            CaptureTimestamp.Write(plainBuffer, captureMicroseconds != 0 ? captureMicroseconds : CaptureTimestamp.NowMicroseconds());
            frame.CopyTo(plainBuffer[CaptureTimestamp.Length..]);
            plain = plainBuffer[..(frame.Length + CaptureTimestamp.Length)];
        }

        if (encryption is null)
        {
            payload = plain;
            return true;
        }

        if (!encryption.TryProtect(ssrc, plain, sealedBuffer, out int written))
        {
            return false;
        }

        payload = sealedBuffer[..written];
        return true;
    }
}
