namespace Gateway.Client.Encryption;

/// <summary>The outcome of decrypting one received frame end to end.</summary>
public enum FrameDecryptResult
{
    /// <summary>Authenticated and decrypted.</summary>
    Ok = 0,

    /// <summary>No key for the frame's key id yet (the key exchange has not delivered it): dropped, counted apart from failures.</summary>
    NoKey,

    /// <summary>The tag does not verify: altered, forged, or encrypted with another key.</summary>
    AuthenticationFailed,

    /// <summary>Already received (replay).</summary>
    Replayed,

    /// <summary>Not a frame of the encryption format (too short, bad header).</summary>
    Malformed,

    /// <summary>The destination is too small for the plaintext.</summary>
    BufferTooSmall,
}
