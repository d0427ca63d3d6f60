namespace Gateway.Client.Events;

/// <summary>One entry of a participant's event stream (docs/api.md, "Events"); the derived records are the kinds.</summary>
public abstract record MeetingEvent;
