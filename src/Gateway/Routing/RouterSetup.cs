using System.Diagnostics.CodeAnalysis;
using Gateway.Metrics;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>Reads the Routing section once at start-up and registers the router as the media application and the meeting control.</summary>
internal static class RouterSetup
{
    /// <summary>Adds <see cref="MediaRouter"/> (also as <see cref="IMediaApplication"/> and <see cref="IMeetingControl"/>) and its metrics.</summary>
    public static bool TryAdd(IServiceCollection services, IConfiguration configuration, [NotNullWhen(false)] out string? error)
    {
        var options = new RoutingOptions();
        try
        {
            configuration.GetSection(RoutingOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            error = $"The Routing section does not read: {ex.Message}";
            return false;
        }

        error = options.Validate();
        if (error is not null)
        {
            return false;
        }

        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            var router = new MediaRouter(options);
            RoutingMetrics.Register(provider.GetRequiredService<GatewayMetrics>(), router);
            return router;
        });
        services.AddSingleton<IMediaApplication>(provider => provider.GetRequiredService<MediaRouter>());
        services.AddSingleton<IMeetingControl>(provider => provider.GetRequiredService<MediaRouter>());
        return true;
    }
}
