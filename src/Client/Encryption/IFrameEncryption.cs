namespace Gateway.Client.Encryption;

/// <summary>
/// End-to-end encryption of media frames (SFrame, RFC 9605): applied to each frame's plaintext before RTP
/// packetization and SRTP, removed after SRTP and reassembly. The gateway relays the result without reading it.
/// </summary>
/// <remarks>
/// Called on the media paths: the sender's thread for <see cref="TryProtect"/>, the receive loop for
/// <see cref="TryUnprotect"/>. Implementations must be safe for those two threads at once, must not allocate per
/// frame, and report failures as values.
/// </remarks>
public interface IFrameEncryption
{
    /// <summary>The most bytes <see cref="TryProtect"/> adds to a frame (header and tag).</summary>
    int MaxOverhead { get; }

    /// <summary>Encrypts <paramref name="frame"/> of the stream <paramref name="ssrc"/> into <paramref name="destination"/>; false when no key is ready or it does not fit.</summary>
    bool TryProtect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written);

    /// <summary>Decrypts <paramref name="frame"/> received on the stream <paramref name="ssrc"/> into <paramref name="destination"/>.</summary>
    FrameDecryptResult TryUnprotect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written);
}
