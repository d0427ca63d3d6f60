using System.Net;

namespace Gateway.Transport;

/// <summary>
/// The media transports' settings (configuration section <c>Media</c>), read and checked once at start-up by
/// <see cref="MediaTransportSetup"/>.
/// </summary>
public sealed class MediaTransportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Media";

    /// <summary>The address the media sockets bind (Media:Address, default 0.0.0.0).</summary>
    public IPAddress Address { get; init; } = IPAddress.Any;

    /// <summary>The shared UDP media port, and the RFC 4571 TCP port (Media:Port, default 10000; 0 picks a free port).</summary>
    public int Port { get; init; } = 10000;

    /// <summary>The address put in SDP answers (Media:AnnouncedAddress), or null to derive it.</summary>
    public IPAddress? AnnouncedAddress { get; init; }

    /// <summary>Worker threads, each with its own SO_REUSEPORT socket (Media:Workers; 0 = one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Datagrams per receive call (Media:BatchSize, 1 to 1024, default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The native batched transport (recvmmsg/sendmmsg) rather than the managed one (Media:Transport auto|native|managed).</summary>
    public bool UseNative { get; init; }

    /// <summary>UDP GRO on receive, native transport only (Media:Gro, default true).</summary>
    public bool Gro { get; init; } = true;

    /// <summary>UDP GSO on send, native transport only (Media:Gso, default true).</summary>
    public bool Gso { get; init; } = true;

    /// <summary>The RFC 4571 TCP listener on the media port number (Media:Tcp, default true).</summary>
    public bool Tcp { get; init; } = true;

    /// <summary>Packets each worker-to-worker hand-off ring holds (Media:RingCapacity, default 4096).</summary>
    public int RingCapacity { get; init; } = 4096;

    /// <summary>
    /// SO_RCVBUF per worker socket in bytes (Media:ReceiveBufferBytes, default 4 MiB; 0 keeps the kernel's default).
    /// The kernel caps it at net.core.rmem_max unless the process has CAP_NET_ADMIN.
    /// </summary>
    public int ReceiveBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>SO_SNDBUF per worker socket in bytes (Media:SendBufferBytes, default 4 MiB; 0 keeps the kernel's default; capped by net.core.wmem_max).</summary>
    public int SendBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Concurrent RFC 4571 connections accepted (Media:MaxTcpConnections, default 10000).</summary>
    public int MaxTcpConnections { get; init; } = 10000;
}
