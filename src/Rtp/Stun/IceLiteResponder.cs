using System.Text;

namespace Gateway.Rtp.Stun;

/// <summary>
/// The STUN side of an ICE-lite agent (RFC 8445 §2.5) for one ICE session: answers the Binding requests a
/// full agent (a browser) sends, and never sends checks of its own. Allocation-free per request.
/// </summary>
/// <remarks>
/// <para>
/// Checks, in the order RFC 8489 §6.3 and §9.1.3 give them:
/// </para>
/// <list type="number">
/// <item>STUN framing (§5) and a Binding request; otherwise drop.</item>
/// <item>FINGERPRINT, if present, is right (§7.3: otherwise discard silently).</item>
/// <item>USERNAME and MESSAGE-INTEGRITY present, else 400; USERNAME is "localUfrag:remoteUfrag" (RFC 8445
/// §7.2.2), else 401; MESSAGE-INTEGRITY verifies with the local password, else 401. These error responses
/// carry no MESSAGE-INTEGRITY (§9.1.3).</item>
/// <item>No comprehension-required attribute this code does not know, else 420 with UNKNOWN-ATTRIBUTES.</item>
/// <item>No ICE-CONTROLLED, else 487 (a lite agent is always the controlled one).</item>
/// <item>Success: XOR-MAPPED-ADDRESS of the request's source, MESSAGE-INTEGRITY with the local password,
/// FINGERPRINT.</item>
/// </list>
/// <para>
/// Only MESSAGE-INTEGRITY (HMAC-SHA1) authenticates: ICE uses MESSAGE-INTEGRITY-SHA256 only after
/// negotiating the "mi256" option, which this agent does not offer, so a request with only the SHA-256
/// attribute is a 400.
/// </para>
/// <para>
/// The session layer decides whether to send what was written (it may rate-limit error responses to
/// unauthenticated sources) and what to do with <see cref="IceLiteBinding.RemoteUfrag"/> and
/// <see cref="IceLiteBinding.UseCandidate"/>. Not thread-safe (it owns an HMAC context): one per session,
/// used by the worker that owns the session.
/// </para>
/// </remarks>
public sealed class IceLiteResponder : IDisposable
{
    /// <summary>
    /// The largest response this class writes, and so the smallest response buffer it accepts: a 420 with
    /// ERROR-CODE (4 + 4 + 20 with "Unknown Attribute" padded), UNKNOWN-ATTRIBUTES listing
    /// <see cref="MaxReportedUnknownAttributes"/> types (4 + 16), MESSAGE-INTEGRITY (24) and FINGERPRINT (8)
    /// after the 20-byte header. A success response is at most 76 bytes (IPv6).
    /// </summary>
    public const int MaxResponseLength = StunMessage.HeaderLength + 28 + (4 + (2 * MaxReportedUnknownAttributes)) + 24 + 8;

    /// <summary>How many unknown attribute types a 420 response lists at most; further ones are left out.</summary>
    public const int MaxReportedUnknownAttributes = 8;

    /// <summary>Shortest ufrag RFC 8839 §5.4 allows.</summary>
    public const int MinUfragLength = 4;

    /// <summary>Shortest password RFC 8839 §5.4 allows (22 ice-chars: at least 128 bits).</summary>
    public const int MinPasswordLength = 22;

    /// <summary>Longest ufrag or password RFC 8839 §5.4 allows.</summary>
    public const int MaxCredentialLength = 256;

    private readonly byte[] _localUfrag;
    private readonly StunIntegrity _integrity;

    /// <summary>A responder for the local credentials of one ICE session (what the answer's a=ice-ufrag / a=ice-pwd say).</summary>
    /// <exception cref="ArgumentException">
    /// A credential is not 4–256 (ufrag) or 22–256 (password) ice-chars: ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4).
    /// </exception>
    public IceLiteResponder(string localUfrag, string localPassword)
    {
        ArgumentNullException.ThrowIfNull(localUfrag);
        ArgumentNullException.ThrowIfNull(localPassword);
        if (!IsIceChars(localUfrag, MinUfragLength))
        {
            throw new ArgumentException("An ICE ufrag is 4 to 256 ice-chars (ALPHA / DIGIT / \"+\" / \"/\", RFC 8839 §5.4).", nameof(localUfrag));
        }

        if (!IsIceChars(localPassword, MinPasswordLength))
        {
            // Never echo the password itself.
            throw new ArgumentException("An ICE password is 22 to 256 ice-chars (ALPHA / DIGIT / \"+\" / \"/\", RFC 8839 §5.4).", nameof(localPassword));
        }

        _localUfrag = Encoding.ASCII.GetBytes(localUfrag);

        // RFC 8489 §9.1.1: the short-term key is the password after OpaqueString, which leaves ice-chars as they are.
        byte[] password = Encoding.ASCII.GetBytes(localPassword);
        _integrity = StunIntegrity.FromShortTermPassword(password);
        Array.Clear(password);
    }

    /// <summary>
    /// Handles one datagram: validates it as an ICE connectivity check for this session and writes the
    /// response into <paramref name="response"/>.
    /// </summary>
    /// <param name="request">The received datagram.</param>
    /// <param name="source">The transport address it came from: reported back as XOR-MAPPED-ADDRESS.</param>
    /// <param name="response">
    /// At least <see cref="MaxResponseLength"/> bytes, not overlapping <paramref name="request"/> (the binding
    /// points into the request).
    /// </param>
    /// <param name="binding">Response length, and for authenticated requests the remote ufrag, USE-CANDIDATE and PRIORITY.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> is unspecified, or the buffers overlap.</exception>
    public IceLiteResult Respond(ReadOnlySpan<byte> request, in StunAddress source, Span<byte> response, out IceLiteBinding binding)
    {
        binding = default;
        if (source.Family == StunAddressFamily.Unspecified)
        {
            throw new ArgumentException("The source address is unspecified.", nameof(source));
        }

        if (request.Overlaps(response))
        {
            throw new ArgumentException("The response buffer overlaps the request.", nameof(response));
        }

        if (response.Length < MaxResponseLength)
        {
            return IceLiteResult.ResponseBufferTooSmall;
        }

        if (!StunMessage.TryParse(request, out StunMessage message, out StunParseResult parse))
        {
            return parse is StunParseResult.TooShort or StunParseResult.NotStun ? IceLiteResult.NotStun : IceLiteResult.Malformed;
        }

        if (message.Type != StunMessageType.BindingRequest)
        {
            return IceLiteResult.NotBindingRequest;
        }

        if (message.VerifyFingerprint() == StunCheckResult.Invalid)
        {
            return IceLiteResult.BadFingerprint;
        }

        ReadOnlySpan<byte> transactionId = message.TransactionId;
        if (!message.TryGetUsername(out ReadOnlySpan<byte> username) || !message.HasMessageIntegrity)
        {
            return Error(IceLiteResult.BadRequest, StunErrorCodes.BadRequest, transactionId, [], null, default, response, out binding);
        }

        if (!TrySplitUsername(username, out ReadOnlySpan<byte> remoteUfrag))
        {
            return Error(IceLiteResult.BadUsername, StunErrorCodes.Unauthenticated, transactionId, [], null, default, response, out binding);
        }

        if (message.VerifyMessageIntegrity(_integrity) != StunCheckResult.Valid)
        {
            return Error(IceLiteResult.BadIntegrity, StunErrorCodes.Unauthenticated, transactionId, [], null, default, response, out binding);
        }

        // Authenticated from here on: every response carries MESSAGE-INTEGRITY (RFC 8489 §9.1.3).
        Span<StunAttributeType> unknown = stackalloc StunAttributeType[MaxReportedUnknownAttributes];
        int unknownCount = CollectUnknown(message, unknown);
        if (unknownCount > 0)
        {
            return Error(IceLiteResult.UnknownAttributes, StunErrorCodes.UnknownAttribute, transactionId, unknown[..unknownCount], _integrity, remoteUfrag, response, out binding);
        }

        // RFC 8445 §7.3.1.1: a controlled agent that receives ICE-CONTROLLED has a role conflict. A full agent
        // would compare tie breakers and might switch to controlling; a lite agent never controls, so it always
        // answers 487 and lets the full agent switch (§7.2.5.1).
        if (message.TryGetAttribute(StunAttributeType.IceControlled, out _))
        {
            return Error(IceLiteResult.RoleConflict, StunErrorCodes.RoleConflict, transactionId, [], _integrity, remoteUfrag, response, out binding);
        }

        if (!StunBindingResponse.TryWriteSuccess(response, transactionId, source, _integrity, out int written))
        {
            return IceLiteResult.ResponseBufferTooSmall; // cannot happen: MaxResponseLength covers it
        }

        message.TryGetPriority(out uint priority);
        binding = new IceLiteBinding(written, remoteUfrag, message.HasUseCandidate, priority);
        return IceLiteResult.Responded;
    }

    /// <inheritdoc/>
    public void Dispose() => _integrity.Dispose();

    private static IceLiteResult Error(
        IceLiteResult result,
        int code,
        scoped ReadOnlySpan<byte> transactionId,
        scoped ReadOnlySpan<StunAttributeType> unknown,
        StunIntegrity? integrity,
        ReadOnlySpan<byte> remoteUfrag,
        scoped Span<byte> response,
        out IceLiteBinding binding)
    {
        if (!StunBindingResponse.TryWriteError(response, transactionId, code, unknown, integrity, out int written))
        {
            binding = default;
            return IceLiteResult.ResponseBufferTooSmall; // cannot happen: MaxResponseLength covers it
        }

        binding = new IceLiteBinding(written, remoteUfrag, useCandidate: false, priority: 0);
        return result;
    }

    /// <summary>
    /// USERNAME of a check sent to us is "ourUfrag:theirUfrag" (RFC 8445 §7.2.2: the peer's ufrag, a colon,
    /// then the sender's). The remote ufrag must not be empty.
    /// </summary>
    private bool TrySplitUsername(ReadOnlySpan<byte> username, out ReadOnlySpan<byte> remoteUfrag)
    {
        remoteUfrag = default;
        int local = _localUfrag.Length;
        if (username.Length <= local + 1 || username[local] != (byte)':' || !username[..local].SequenceEqual(_localUfrag))
        {
            return false;
        }

        remoteUfrag = username[(local + 1)..];
        return true;
    }

    /// <summary>
    /// Copies into <paramref name="unknown"/> the comprehension-required types (below 0x8000) of attributes
    /// that count and that this code does not know; returns how many (at most the span's length).
    /// </summary>
    private static int CollectUnknown(StunMessage message, Span<StunAttributeType> unknown)
    {
        int count = 0;
        foreach (StunAttribute attribute in message.Attributes)
        {
            if (attribute.IsComprehensionRequired && !IsKnown(attribute.Type) && unknown[..count].IndexOf(attribute.Type) < 0)
            {
                unknown[count++] = attribute.Type;
                if (count == unknown.Length)
                {
                    break;
                }
            }
        }

        return count;
    }

    private static bool IsKnown(StunAttributeType type) => type is StunAttributeType.MappedAddress
        or StunAttributeType.Username
        or StunAttributeType.MessageIntegrity
        or StunAttributeType.ErrorCode
        or StunAttributeType.UnknownAttributes
        or StunAttributeType.Realm
        or StunAttributeType.Nonce
        or StunAttributeType.MessageIntegritySha256
        or StunAttributeType.PasswordAlgorithm
        or StunAttributeType.UserHash
        or StunAttributeType.XorMappedAddress
        or StunAttributeType.Priority
        or StunAttributeType.UseCandidate;

    private static bool IsIceChars(string value, int minLength)
    {
        if (value.Length < minLength || value.Length > MaxCredentialLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/')
            {
                return false;
            }
        }

        return true;
    }
}
