using System.Net;
using System.Net.Sockets;
using Gateway.Crypto.Native.Net;
using Gateway.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Transport;

/// <summary>A started <see cref="MediaTransportHost"/> on 127.0.0.1 (port 0) with an <see cref="EchoMediaApplication"/>.</summary>
internal sealed class TransportFixture : IDisposable
{
    private TransportFixture(MediaTransportHost host, EchoMediaApplication app)
    {
        Host = host;
        App = app;
    }

    public MediaTransportHost Host { get; }

    public EchoMediaApplication App { get; }

    public IPEndPoint UdpEndPoint => new(IPAddress.Loopback, Host.UdpPort);

    /// <summary>Starts a host on <paramref name="transport"/> (native or managed); skips the test when native is not available.</summary>
    public static TransportFixture Start(string transport, int workers, bool tcp = false, bool gso = true)
    {
        bool native = transport == "native";
        if (native && !UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        var options = new MediaTransportOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Workers = workers,
            UseNative = native,
            Gso = gso,
            Tcp = tcp,
            RingCapacity = 4096,
        };
        var app = new EchoMediaApplication();
        var host = new MediaTransportHost(options, app, NullLogger<MediaTransportHost>.Instance);
        host.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        app.TrackThreads(w => host.Workers[w].ManagedThreadId);
        return new TransportFixture(host, app);
    }

    public static Socket Client()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = 2000;
        socket.ReceiveBufferSize = 4 * 1024 * 1024;
        return socket;
    }

    public long Sum(Func<MediaCounters, long> read) => Host.Counters.Sum(read);

    /// <summary>Polls <paramref name="condition"/> for up to 5 s.</summary>
    public static bool Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    public void Dispose()
    {
        var stop = Task.Run(() => Host.StopAsync(CancellationToken.None));
        Assert.True(stop.Wait(TimeSpan.FromSeconds(10)), "StopAsync hung");
    }
}
