namespace Gateway.Rtp.Stun;

/// <summary>
/// Writes Binding responses (RFC 8489 §6.3.1.1, §6.3.1.2) into the caller's buffer: success with
/// XOR-MAPPED-ADDRESS, or an error with ERROR-CODE; MESSAGE-INTEGRITY when a key is given, and always
/// FINGERPRINT, which ICE uses on every connectivity check (RFC 8445 §7) and plain STUN clients ignore.
/// </summary>
public static class StunBindingResponse
{
    /// <summary>
    /// A Binding success response reporting <paramref name="mapped"/> — the source address the request came
    /// from — as XOR-MAPPED-ADDRESS; false when <paramref name="destination"/> is too small.
    /// </summary>
    /// <param name="destination">Where to write; must not overlap the request the transaction id comes from.</param>
    /// <param name="transactionId">The request's transaction id (12 bytes).</param>
    /// <param name="mapped">The request's source transport address.</param>
    /// <param name="integrity">The key for MESSAGE-INTEGRITY, or null to send none.</param>
    /// <param name="written">Bytes written; 0 on failure.</param>
    public static bool TryWriteSuccess(Span<byte> destination, ReadOnlySpan<byte> transactionId, in StunAddress mapped, StunIntegrity? integrity, out int written)
    {
        written = 0;
        if (destination.Length < StunMessage.HeaderLength)
        {
            return false;
        }

        var writer = new StunMessageWriter(destination, StunMessageType.BindingSuccess, transactionId);
        if (!writer.TryAddXorMappedAddress(mapped) || !TryFinish(ref writer, integrity))
        {
            return false;
        }

        written = writer.Length;
        return true;
    }

    /// <summary>
    /// A Binding error response with ERROR-CODE <paramref name="code"/> and its registered reason phrase;
    /// false when <paramref name="destination"/> is too small.
    /// </summary>
    /// <param name="destination">Where to write; must not overlap the request the transaction id comes from.</param>
    /// <param name="transactionId">The request's transaction id (12 bytes).</param>
    /// <param name="code">The error code, 300–699 (see <see cref="StunErrorCodes"/>).</param>
    /// <param name="integrity">
    /// The key for MESSAGE-INTEGRITY, or null. RFC 8489 §9.1.3: a response to a request that failed the
    /// credential checks (400, 401) "MUST NOT include a MESSAGE-INTEGRITY"; one to an authenticated
    /// request (420, 487) must include it.
    /// </param>
    /// <param name="written">Bytes written; 0 on failure.</param>
    public static bool TryWriteError(Span<byte> destination, ReadOnlySpan<byte> transactionId, int code, StunIntegrity? integrity, out int written) =>
        TryWriteError(destination, transactionId, code, [], integrity, out written);

    /// <summary>
    /// A Binding error response as above, with UNKNOWN-ATTRIBUTES listing <paramref name="unknownAttributes"/>
    /// when it is not empty (a 420 response must carry it, RFC 8489 §6.3.1.1).
    /// </summary>
    public static bool TryWriteError(
        Span<byte> destination,
        ReadOnlySpan<byte> transactionId,
        int code,
        ReadOnlySpan<StunAttributeType> unknownAttributes,
        StunIntegrity? integrity,
        out int written)
    {
        written = 0;
        if (destination.Length < StunMessage.HeaderLength)
        {
            return false;
        }

        var writer = new StunMessageWriter(destination, StunMessageType.BindingError, transactionId);
        if (!writer.TryAddErrorCode(code, StunErrorCodes.GetReasonPhrase(code))
            || (!unknownAttributes.IsEmpty && !writer.TryAddUnknownAttributes(unknownAttributes))
            || !TryFinish(ref writer, integrity))
        {
            return false;
        }

        written = writer.Length;
        return true;
    }

    private static bool TryFinish(ref StunMessageWriter writer, StunIntegrity? integrity) =>
        (integrity is null || writer.TryAddMessageIntegrity(integrity)) && writer.TryAddFingerprint();
}
