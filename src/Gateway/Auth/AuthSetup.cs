using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gateway.Auth;

/// <summary>Reads the Auth section once at start-up and registers the secret, issuer and validator.</summary>
internal static class AuthSetup
{
    public const string ClockSkewKey = "Auth:ClockSkewSeconds";

    /// <summary>Loads (or on a first start generates) the API secret and adds the token services.</summary>
    public static bool TryAdd(IServiceCollection services, IConfiguration configuration, string dataDirectory, [NotNullWhen(false)] out string? error)
    {
        if (!TryReadClockSkew(configuration, out var skew, out error)
            || !ApiSecretStore.TryLoad(configuration, dataDirectory, create: true, out var secret, out var generated, out error))
        {
            return false;
        }

        services.AddSingleton(secret);
        services.AddSingleton(new AccessTokenIssuer(secret));
        services.AddSingleton(new AccessTokenValidator(secret, skew));
        services.AddHostedService(provider => new ApiSecretAnnouncer(secret, generated, provider.GetRequiredService<ILogger<ApiSecretAnnouncer>>()));
        return true;
    }

    public static bool TryReadClockSkew(IConfiguration configuration, out TimeSpan skew, [NotNullWhen(false)] out string? error)
    {
        var text = configuration[ClockSkewKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            skew = AccessTokenValidator.DefaultClockSkew;
            error = null;
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || double.IsNaN(seconds) || seconds < 0 || seconds > 600)
        {
            skew = default;
            error = $"{ClockSkewKey} is '{text}': expected a number of seconds, 0 to 600.";
            return false;
        }

        skew = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }
}
