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

    /// <summary>
    /// The port's only native worker sleeps in the receive: a wake from another thread ends it with a datagram from
    /// <see cref="WorkerSocket.WakeSource"/>, a client's datagram ends it with that datagram, and an idle wait times
    /// out with 0 — and the non-waiting receive on the same socket never blocks.
    /// </summary>
    [Fact]
    public void ReceiveWaiting_EndsOnWake_OnADatagram_AndOnTimeout()
    {
        if (!UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        using var socket = WorkerSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), native: true, gro: false, alone: true);
        Assert.True(socket.ReceivesWhileWaiting);
        Assert.True(socket.WakeSource.IsSet);
        var slab = new UdpDatagramSlab(4, 64);
        Assert.Equal(0, socket.Transport.ReceiveBatch(slab.Datagrams));

        // A wake from another thread ends a long wait early, as a datagram from the wake source.
        int received = -1;
        var waiter = new Thread(() => received = socket.ReceiveWaiting(slab.Datagrams, 10_000));
        waiter.Start();
        Thread.Sleep(50);
        Assert.True(waiter.IsAlive, "the wait ended before the wake");
        socket.Wake();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(5)), "Wake did not end the wait");
        Assert.Equal(1, received);
        Assert.True(RemoteAddress.TryRead(slab.Datagrams[0].AddressBytes, out RemoteAddress from));
        Assert.Equal(socket.WakeSource, from);

        // A client's datagram ends it with the datagram.
        using var client = TransportFixture.Client();
        client.SendTo(new byte[] { 1, 2, 3 }, socket.LocalEndPoint);
        Assert.Equal(1, socket.ReceiveWaiting(slab.Datagrams, 10_000));
        Assert.Equal(3, slab.Datagrams[0].Length);
        Assert.True(RemoteAddress.TryRead(slab.Datagrams[0].AddressBytes, out from));
        Assert.NotEqual(socket.WakeSource, from);

        // Nothing comes: the wait times out (in 25 ms steps) with 0.
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, socket.ReceiveWaiting(slab.Datagrams, 10));
        Assert.InRange(started.ElapsedMilliseconds, 15, 2_000);
    }
}
