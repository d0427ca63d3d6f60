namespace Gateway.E2ee.SFrame;

/// <summary>The outcome of <see cref="SFrameContext.Protect"/> or <see cref="SFrameContext.Unprotect"/>: failures are values, never exceptions.</summary>
public enum SFrameStatus
{
    /// <summary>The frame was protected or unprotected; the output is valid.</summary>
    Ok,

    /// <summary>The SFrame ciphertext is too short for its header and tag, or its header is cut off.</summary>
    Malformed,

    /// <summary>No receive key is installed for the frame's KID.</summary>
    UnknownKeyId,

    /// <summary>The tag did not verify (wrong key, tampered header, metadata, ciphertext or tag). Nothing was output.</summary>
    AuthenticationFailed,

    /// <summary>The frame's counter was already received under this KID, or is older than the replay window.</summary>
    Replayed,

    /// <summary>The destination cannot hold the output (see <see cref="SFrameContext.MaxOverhead"/>). Nothing was changed.</summary>
    DestinationTooSmall,

    /// <summary>The send key has used every counter value; protecting more would reuse a nonce. Install a new send key.</summary>
    CounterExhausted,

    /// <summary>No send key is installed (<see cref="SFrameContext.SetSendKey"/>).</summary>
    NoSendKey,
}
