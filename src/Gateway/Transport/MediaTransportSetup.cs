using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Gateway.Crypto.Native.Net;
using Gateway.Metrics;

namespace Gateway.Transport;

/// <summary>Reads the Media section once at start-up and registers the transport host and its metrics.</summary>
public static class MediaTransportSetup
{
    /// <summary>
    /// Reads and checks the Media section; on success registers <see cref="MediaTransportOptions"/> and one
    /// <see cref="MediaTransportHost"/> as <see cref="IHostedService"/>, <see cref="IMediaWorkers"/> and
    /// <see cref="IMediaEndpoints"/> (the same instance). The host needs an <see cref="IMediaApplication"/> in the container.
    /// </summary>
    public static bool TryAdd(IServiceCollection services, IConfiguration configuration, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!TryRead(configuration, out var options, out error))
        {
            return false;
        }

        services.AddSingleton(options);
        services.AddSingleton(provider => new MediaTransportHost(
            options,
            provider.GetRequiredService<IMediaApplication>(),
            provider.GetRequiredService<ILogger<MediaTransportHost>>()));
        services.AddSingleton<IHostedService>(provider =>
        {
            // The metrics read the host's counters at scrape time; create them with the host (when the node has a registry).
            if (provider.GetService<GatewayMetrics>() is not null)
            {
                provider.GetRequiredService<MediaMetrics>();
            }

            return provider.GetRequiredService<MediaTransportHost>();
        });
        services.AddSingleton<IMediaWorkers>(provider => provider.GetRequiredService<MediaTransportHost>());
        services.AddSingleton<IMediaEndpoints>(provider => provider.GetRequiredService<MediaTransportHost>());
        services.AddSingleton(provider => new MediaMetrics(provider.GetRequiredService<GatewayMetrics>(), provider.GetRequiredService<MediaTransportHost>()));
        return true;
    }

    /// <summary>Reads and checks the Media section: on failure <paramref name="error"/> names the key and what to do.</summary>
    public static bool TryRead(IConfiguration configuration, [NotNullWhen(true)] out MediaTransportOptions? options, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options = null;
        var section = configuration.GetSection(MediaTransportOptions.Section);

        if (!TryReadAddress(section, "Address", IPAddress.Any, out var address, out error)
            || !TryReadInt(section, "Port", 10000, 0, 65535, "a UDP port, 1 to 65535, or 0 to pick a free one", out int port, out error)
            || !TryReadInt(section, "Workers", 0, 0, 1024, "a number of worker threads, 1 to 1024, or 0 for one per core", out int workers, out error)
            || !TryReadInt(section, "BatchSize", 32, 1, 1024, "datagrams per receive call, 1 to 1024", out int batch, out error)
            || !TryReadBool(section, "Gro", true, out bool gro, out error)
            || !TryReadBool(section, "Gso", true, out bool gso, out error)
            || !TryReadBool(section, "Tcp", true, out bool tcp, out error)
            || !TryReadInt(section, "RingCapacity", 4096, 16, 1 << 20, "packets per hand-off ring, 16 to 1048576", out int ring, out error)
            || !TryReadInt(section, "MaxTcpConnections", 10000, 1, 1_000_000, "concurrent RFC 4571 connections, 1 to 1000000", out int maxTcp, out error)
            || !TryReadInt(section, "ReceiveBufferBytes", 4 * 1024 * 1024, 0, int.MaxValue / 2, "a socket receive buffer size in bytes, or 0 for the kernel's default", out int receiveBuffer, out error)
            || !TryReadInt(section, "SendBufferBytes", 4 * 1024 * 1024, 0, int.MaxValue / 2, "a socket send buffer size in bytes, or 0 for the kernel's default", out int sendBuffer, out error)
            || !TryReadTransport(section, out bool native, out error))
        {
            return false;
        }

        IPAddress? announced = null;
        string? announcedText = section["AnnouncedAddress"];
        if (!string.IsNullOrWhiteSpace(announcedText))
        {
            if (!IPAddress.TryParse(announcedText.Trim(), out announced) || announced.Equals(IPAddress.Any) || announced.Equals(IPAddress.IPv6Any))
            {
                error = $"Media:AnnouncedAddress is '{announcedText}': expected the IP address clients reach this node at (not a wildcard), or leave it empty.";
                return false;
            }
        }

        options = new MediaTransportOptions
        {
            Address = address,
            Port = port,
            AnnouncedAddress = announced,
            Workers = workers == 0 ? Environment.ProcessorCount : workers,
            BatchSize = batch,
            UseNative = native,
            Gro = gro,
            Gso = gso,
            Tcp = tcp,
            RingCapacity = ring,
            MaxTcpConnections = maxTcp,
            ReceiveBufferBytes = receiveBuffer,
            SendBufferBytes = sendBuffer,
        };
        return true;
    }

    private static bool TryReadTransport(IConfigurationSection section, out bool native, [NotNullWhen(false)] out string? error)
    {
        string text = section["Transport"]?.Trim() ?? "auto";
        error = null;
        switch (text.ToLowerInvariant())
        {
            case "" or "auto":
                native = UdpBatchSocket.IsSupported;
                return true;
            case "managed":
                native = false;
                return true;
            case "native" when UdpBatchSocket.IsSupported:
                native = true;
                return true;
            case "native":
                native = false;
                error = "Media:Transport is 'native' but libgateway_native batch UDP I/O is not available on this machine (Linux only): set it to 'auto' or 'managed'.";
                return false;
            default:
                native = false;
                error = $"Media:Transport is '{text}': expected auto, native or managed.";
                return false;
        }
    }

    private static bool TryReadAddress(IConfigurationSection section, string key, IPAddress fallback, out IPAddress value, [NotNullWhen(false)] out string? error)
    {
        string? text = section[key];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        if (!IPAddress.TryParse(text.Trim(), out var parsed))
        {
            value = fallback;
            error = $"Media:{key} is '{text}': expected an IP address to bind (0.0.0.0 for all IPv4 interfaces, :: for all).";
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryReadInt(IConfigurationSection section, string key, int fallback, int min, int max, string expected, out int value, [NotNullWhen(false)] out string? error)
    {
        string? text = section[key];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = $"Media:{key} is '{text}': expected {expected}.";
            return false;
        }

        return true;
    }

    private static bool TryReadBool(IConfigurationSection section, string key, bool fallback, out bool value, [NotNullWhen(false)] out string? error)
    {
        string? text = section[key];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        if (!bool.TryParse(text.Trim(), out value))
        {
            error = $"Media:{key} is '{text}': expected true or false.";
            return false;
        }

        return true;
    }
}
