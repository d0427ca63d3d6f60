namespace Gateway.Routing;

/// <summary>The forwarding engine's settings (configuration section "Routing").</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Routing";

    /// <summary>Most meetings this node holds at once.</summary>
    public int MaxMeetings { get; set; } = 1_000;

    /// <summary>Participants per meeting when a meeting is created with <see cref="MeetingOptions.MaxParticipants"/> 0 or less.</summary>
    public int DefaultMaxParticipants { get; set; } = 50;

    /// <summary>Packets per second per participant when a meeting is created with <see cref="MeetingOptions.MaxPacketsPerSecondPerParticipant"/> 0 or less.</summary>
    public int DefaultMaxPacketsPerSecond { get; set; } = 2_000;

    /// <summary>How long a forwarded packet stays in its track's retransmission cache for NACKs.</summary>
    public int NackCacheMilliseconds { get; set; } = 1_000;

    /// <summary>Least time between two picture loss indications (PLI/FIR) forwarded to one track's publisher.</summary>
    public int PliThrottleMilliseconds { get; set; } = 500;

    /// <summary>A one-line error for values out of range, or null.</summary>
    public string? Validate()
    {
        if (MaxMeetings is < 1 or > 1_000_000)
        {
            return $"Routing:MaxMeetings is {MaxMeetings}: expected 1 to 1000000.";
        }

        if (DefaultMaxParticipants is < 2 or > 10_000)
        {
            return $"Routing:DefaultMaxParticipants is {DefaultMaxParticipants}: expected 2 to 10000.";
        }

        if (DefaultMaxPacketsPerSecond is < 1 or > 1_000_000)
        {
            return $"Routing:DefaultMaxPacketsPerSecond is {DefaultMaxPacketsPerSecond}: expected 1 to 1000000.";
        }

        if (NackCacheMilliseconds is < 0 or > 10_000)
        {
            return $"Routing:NackCacheMilliseconds is {NackCacheMilliseconds}: expected 0 to 10000.";
        }

        if (PliThrottleMilliseconds is < 0 or > 60_000)
        {
            return $"Routing:PliThrottleMilliseconds is {PliThrottleMilliseconds}: expected 0 to 60000.";
        }

        return null;
    }
}
