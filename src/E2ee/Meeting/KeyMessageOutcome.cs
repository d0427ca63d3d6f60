using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Meeting;

/// <summary>The result of <see cref="MeetingKeyAgent.OnMessage"/>: a status, the reason for a rejection, and messages to send in response.</summary>
public sealed class KeyMessageOutcome
{
    private static readonly KeyMessage[] NoMessages = [];

    private KeyMessageOutcome(KeyMessageStatus status, KeyMessageRejection rejection, MessageParseError parseError, IReadOnlyList<KeyMessage> messages)
    {
        Status = status;
        Rejection = rejection;
        ParseError = parseError;
        Messages = messages;
    }

    /// <summary>Accepted, deferred or rejected.</summary>
    public KeyMessageStatus Status { get; }

    /// <summary>Why the message was rejected or ignored, or <see cref="KeyMessageRejection.None"/>.</summary>
    public KeyMessageRejection Rejection { get; }

    /// <summary>The parse error when <see cref="Rejection"/> is <see cref="KeyMessageRejection.Malformed"/>.</summary>
    public MessageParseError ParseError { get; }

    /// <summary>Messages to send now (may be non-empty even for a rejected message when held messages were processed).</summary>
    public IReadOnlyList<KeyMessage> Messages { get; }

    /// <summary>Whether the message was verified and applied.</summary>
    public bool IsAccepted => Status == KeyMessageStatus.Accepted;

    internal static KeyMessageOutcome Accepted(IReadOnlyList<KeyMessage>? messages = null) =>
        new(KeyMessageStatus.Accepted, KeyMessageRejection.None, MessageParseError.None, messages ?? NoMessages);

    internal static KeyMessageOutcome Deferred() => new(KeyMessageStatus.Deferred, KeyMessageRejection.None, MessageParseError.None, NoMessages);

    internal static KeyMessageOutcome Ignored(KeyMessageRejection reason) => new(KeyMessageStatus.Ignored, reason, MessageParseError.None, NoMessages);

    internal static KeyMessageOutcome Rejected(KeyMessageRejection rejection, MessageParseError parseError = MessageParseError.None) =>
        new(KeyMessageStatus.Rejected, rejection, parseError, NoMessages);

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        KeyMessageStatus.Rejected when Rejection == KeyMessageRejection.Malformed => $"Rejected: Malformed ({ParseError})",
        KeyMessageStatus.Rejected or KeyMessageStatus.Ignored => $"{Status}: {Rejection}",
        _ => $"{Status}, {Messages.Count} messages to send",
    };
}
