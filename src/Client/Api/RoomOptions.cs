namespace Gateway.Client.Api;

/// <summary>What <see cref="GatewayClient.CreateRoomAsync"/> asks for; omitted limits take the node's defaults.</summary>
/// <param name="Id">The room id: 1–64 characters of <c>[A-Za-z0-9._-]</c>.</param>
public sealed record RoomOptions(string Id)
{
    /// <summary>The room's end-to-end encryption policy.</summary>
    public E2eePolicy E2ee { get; init; } = E2eePolicy.Optional;

    /// <summary>The most participants the room admits; null takes the node's default.</summary>
    public int? MaxParticipants { get; init; }

    /// <summary>The most RTP and RTCP packets per second one participant may send; null takes the node's default.</summary>
    public int? MaxPacketsPerSecond { get; init; }
}
