namespace Gateway.Client.Events;

/// <summary><c>message</c>: opaque bytes another participant sent to this one or to everyone.</summary>
/// <param name="From">The sender's participant id.</param>
/// <param name="Body">The bytes as sent.</param>
public sealed record MessageEvent(string From, ReadOnlyMemory<byte> Body) : MeetingEvent;
