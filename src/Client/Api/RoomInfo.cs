namespace Gateway.Client.Api;

/// <summary>A room as the gateway describes it.</summary>
/// <param name="Id">The room id.</param>
/// <param name="E2ee">Its end-to-end encryption policy.</param>
/// <param name="MaxParticipants">The most participants it admits.</param>
/// <param name="MaxPacketsPerSecond">The packet limit per participant.</param>
/// <param name="Participants">Participants in it when the gateway answered.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Created">True when this call created it, false when it existed already.</param>
public sealed record RoomInfo(string Id, E2eePolicy E2ee, int MaxParticipants, int MaxPacketsPerSecond, int Participants, DateTimeOffset CreatedAt, bool Created);
