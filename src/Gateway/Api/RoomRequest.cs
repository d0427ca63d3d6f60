namespace Gateway.Api;

/// <summary>The body of POST /v1/rooms: only the id is required.</summary>
internal sealed class RoomRequest
{
    public string? Id { get; set; }

    /// <summary>required, optional or off.</summary>
    public string? E2ee { get; set; }

    public int? MaxParticipants { get; set; }

    public int? MaxPacketsPerSecond { get; set; }
}
