using System.Net;
using System.Net.Sockets;
using Gateway.Crypto.Native.Net;
using Gateway.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Transport;

public sealed class MediaTransportSetupTests
{
    [Fact]
    public void TryRead_Empty_GivesTheDefaults()
    {
        Assert.True(MediaTransportSetup.TryRead(Config(), out var options, out var error), error);
        Assert.Equal(IPAddress.Any, options.Address);
        Assert.Equal(10000, options.Port);
        Assert.Null(options.AnnouncedAddress);
        Assert.Equal(Environment.ProcessorCount, options.Workers);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(UdpBatchSocket.IsSupported, options.UseNative);
        Assert.True(options.Gro && options.Gso && options.Tcp);
        Assert.Equal(4096, options.RingCapacity);
        Assert.Equal(10000, options.MaxTcpConnections);
        Assert.Equal(4 * 1024 * 1024, options.ReceiveBufferBytes);
        Assert.Equal(4 * 1024 * 1024, options.SendBufferBytes);
    }

    [Fact]
    public void TryRead_AllKeys_AreRead()
    {
        var configuration = Config(
            ("Address", "127.0.0.1"), ("Port", "0"), ("AnnouncedAddress", "203.0.113.7"), ("Workers", "3"), ("BatchSize", "64"),
            ("Transport", "managed"), ("Gro", "false"), ("Gso", "false"), ("Tcp", "false"), ("RingCapacity", "128"), ("MaxTcpConnections", "5"),
            ("ReceiveBufferBytes", "0"), ("SendBufferBytes", "65536"));
        Assert.True(MediaTransportSetup.TryRead(configuration, out var options, out var error), error);
        Assert.Equal(IPAddress.Loopback, options.Address);
        Assert.Equal(0, options.Port);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), options.AnnouncedAddress);
        Assert.Equal(3, options.Workers);
        Assert.Equal(64, options.BatchSize);
        Assert.False(options.UseNative || options.Gro || options.Gso || options.Tcp);
        Assert.Equal(128, options.RingCapacity);
        Assert.Equal(5, options.MaxTcpConnections);
        Assert.Equal(0, options.ReceiveBufferBytes);
        Assert.Equal(65536, options.SendBufferBytes);
    }

    [Theory]
    [InlineData("Port", "70000", "Media:Port")]
    [InlineData("Port", "x", "Media:Port")]
    [InlineData("BatchSize", "0", "Media:BatchSize")]
    [InlineData("BatchSize", "2000", "Media:BatchSize")]
    [InlineData("Workers", "-1", "Media:Workers")]
    [InlineData("Transport", "fast", "Media:Transport")]
    [InlineData("Address", "nowhere", "Media:Address")]
    [InlineData("AnnouncedAddress", "0.0.0.0", "Media:AnnouncedAddress")]
    [InlineData("Gso", "maybe", "Media:Gso")]
    [InlineData("RingCapacity", "1", "Media:RingCapacity")]
    [InlineData("MaxTcpConnections", "0", "Media:MaxTcpConnections")]
    [InlineData("ReceiveBufferBytes", "-1", "Media:ReceiveBufferBytes")]
    public void TryRead_BadValue_NamesTheKeyAndWhatToDo(string key, string value, string named)
    {
        Assert.False(MediaTransportSetup.TryRead(Config((key, value)), out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("expected", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryAdd_RegistersOneHostAsHostedServiceWorkersAndEndpoints()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IMediaApplication, EchoMediaApplication>();
        var configuration = Config(("Address", "127.0.0.1"), ("Port", "0"), ("Workers", "2"), ("Transport", "managed"));
        Assert.True(MediaTransportSetup.TryAdd(services, configuration, out var error), error);
        await using var provider = services.BuildServiceProvider();

        var host = Assert.Single(provider.GetServices<IHostedService>().OfType<MediaTransportHost>());
        Assert.Same(host, provider.GetRequiredService<IMediaWorkers>());
        Assert.Same(host, provider.GetRequiredService<IMediaEndpoints>());
        Assert.Equal(2, host.Count);

        await host.StartAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(0, host.UdpPort);
        Assert.Equal(host.UdpPort, host.TcpPort);
        Assert.Null(host.AnnouncedAddress);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Start_OnAPortHeldWithoutReusePort_FailsNamingTheKey()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var options = new MediaTransportOptions { Address = IPAddress.Loopback, Port = ((IPEndPoint)holder.LocalEndPoint!).Port, Workers = 1, Tcp = false };
        var host = new MediaTransportHost(options, new EchoMediaApplication(), NullLogger<MediaTransportHost>.Instance);

        var ex = Assert.Throws<MediaBindException>(() => host.StartAsync(CancellationToken.None).GetAwaiter().GetResult());
        Assert.Contains("Media:Port", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("native", 1)]
    [InlineData("native", 2)]
    [InlineData("managed", 1)]
    public async Task Start_OnAPortAnotherNodeHoldsWithReusePort_FailsInsteadOfSharingIt(string transport, int workers)
    {
        // Another node's worker socket (SO_REUSEPORT, same user): binding beside it would succeed and split the traffic.
        using var other = ManagedUdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), UdpSocketOptions.ReusePort);
        int port = other.LocalEndPoint.Port;
        var options = new MediaTransportOptions { Address = IPAddress.Loopback, Port = port, Workers = workers, Tcp = false, UseNative = transport == "native" };
        var host = new MediaTransportHost(options, new EchoMediaApplication(), NullLogger<MediaTransportHost>.Instance);

        var ex = await Assert.ThrowsAsync<MediaBindException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("another gateway node", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Media:Port", ex.Message, StringComparison.Ordinal);

        // Once it is gone the port is free for this node.
        other.Dispose();
        host = new MediaTransportHost(options, new EchoMediaApplication(), NullLogger<MediaTransportHost>.Instance);
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal(port, host.UdpPort);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Media:" + v.Key, v.Value)))
            .Build();
}
