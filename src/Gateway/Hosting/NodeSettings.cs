using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gateway.Hosting;

/// <summary>
/// The host's own settings, read and checked once before anything starts, so that a bad value
/// stops the node with a message naming the key instead of failing later.
/// </summary>
internal sealed record NodeSettings
{
    /// <summary>Absolute path of the node's data directory (created at start-up).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The control API URLs Kestrel binds.</summary>
    public required string Urls { get; init; }

    /// <summary>How long /readyz reports 503 before the listeners close, so load balancers stop routing here first.</summary>
    public required TimeSpan Drain { get; init; }

    /// <summary>The most a shutdown may take (HostOptions.ShutdownTimeout); the drain is part of it.</summary>
    public required TimeSpan ShutdownTimeout { get; init; }

    public static bool TryRead(IConfiguration configuration, [NotNullWhen(true)] out NodeSettings? settings, [NotNullWhen(false)] out string? error)
    {
        settings = null;

        var urls = configuration[ConfigKeys.Urls];
        if (string.IsNullOrWhiteSpace(urls))
        {
            error = $"{ConfigKeys.Urls} is empty: pass --urls (for example --urls http://127.0.0.1:8080).";
            return false;
        }

        if (!TryCheckUrls(urls, out error))
        {
            return false;
        }

        var dataDirectory = configuration[ConfigKeys.DataDirectory];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            error = $"{ConfigKeys.DataDirectory} is empty: pass --data-dir.";
            return false;
        }

        if (!TryReadSeconds(configuration, "DrainSeconds", allowZero: true, out var drain, out error)
            || !TryReadSeconds(configuration, "TimeoutSeconds", allowZero: false, out var timeout, out error))
        {
            return false;
        }

        if (drain >= timeout)
        {
            error = $"{ConfigKeys.ShutdownSection}:DrainSeconds ({drain.TotalSeconds}) must be shorter than {ConfigKeys.ShutdownSection}:TimeoutSeconds ({timeout.TotalSeconds}): the drain is part of the shutdown.";
            return false;
        }

        settings = new NodeSettings
        {
            DataDirectory = Path.GetFullPath(dataDirectory),
            Urls = urls,
            Drain = drain,
            ShutdownTimeout = timeout,
        };
        error = null;
        return true;
    }

    // Kestrel parses the URLs only when it binds; checking here turns a typo into a configuration error
    // that names the key, before anything starts.
    private static bool TryCheckUrls(string urls, [NotNullWhen(false)] out string? error)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                _ = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                error = $"{ConfigKeys.Urls} has '{url}', which is not a URL to listen on: expected scheme://host:port, for example http://127.0.0.1:8080 (port 0 picks a free one).";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryReadSeconds(IConfiguration configuration, string name, bool allowZero, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        var key = $"{ConfigKeys.ShutdownSection}:{name}";
        var text = configuration[key];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || seconds < 0 || (seconds == 0 && !allowZero) || seconds > 3600)
        {
            value = default;
            error = $"{key} is '{text}': expected a number of seconds, {(allowZero ? "0" : "more than 0")} to 3600.";
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }
}
