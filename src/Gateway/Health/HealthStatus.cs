namespace Gateway.Health;

/// <summary>The body of /healthz and /readyz: {"status":"ok"}.</summary>
internal sealed record HealthStatus(string Status);
