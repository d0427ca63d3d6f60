namespace Gateway.Auth;

/// <summary>Says once at start-up where the API secret came from, and whether it was just generated.</summary>
internal sealed class ApiSecretAnnouncer(ApiSecret secret, bool generated, ILogger<ApiSecretAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (generated)
        {
            AuthLog.SecretGenerated(logger, secret.Source);
        }
        else
        {
            AuthLog.SecretLoaded(logger, secret.Source);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
