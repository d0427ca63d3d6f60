using System.Text.Json.Serialization;

namespace Gateway.Api;

/// <summary>Source-generated JSON for the control API bodies (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RoomRequest))]
[JsonSerializable(typeof(RoomResponse))]
[JsonSerializable(typeof(RoomResponse[]))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
