using System.Net;
using Gateway.Crypto.Native.Net;
using Gateway.Transport;

namespace Gateway.Tests.Transport;

public sealed class WorkerSocketTests
{
    public static TheoryData<string> Transports => new() { "native", "managed" };

    [Theory]
    [MemberData(nameof(Transports))]
    public void Wait_EndsOnWake_OnADatagram_AndOnTimeout(string transport)
    {
        bool native = transport == "native";
        if (native && !UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        using var socket = WorkerSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), native, gro: false);
        using var done = new ManualResetEventSlim();

        // A wake from another thread ends a long wait early.
        var waiter = new Thread(() =>
        {
            socket.Wait(10_000);
            done.Set();
        });
        waiter.Start();
        Thread.Sleep(50);
        Assert.False(done.IsSet);
        socket.Wake();
        Assert.True(done.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken), "Wake did not end the wait");
        waiter.Join();

        // A datagram ends a wait too.
        using var client = TransportFixture.Client();
        client.SendTo(new byte[] { 1, 2, 3 }, socket.LocalEndPoint);
        var started = System.Diagnostics.Stopwatch.StartNew();
        socket.Wait(10_000);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), "a datagram did not end the wait");
        var slab = new UdpDatagramSlab(4, 64);
        Assert.Equal(1, socket.Transport.ReceiveBatch(slab.Datagrams));
    }
}
