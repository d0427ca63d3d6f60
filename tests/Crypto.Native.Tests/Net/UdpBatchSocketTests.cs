using System.Net;
using Gateway.Crypto.Native.Net;

namespace Gateway.Crypto.Native.Tests.Net;

/// <summary>What only the native socket does: UDP GSO sends and GRO-coalesced receives.</summary>
public sealed class UdpBatchSocketTests
{
    private const int Segments = 10;
    private const int SegmentSize = 100;

    [Theory]
    [InlineData(UdpSocketOptions.None)]
    [InlineData(UdpSocketOptions.Gro | UdpSocketOptions.ReusePort)]
    public void SendSegments_ArriveAsTenDatagramsOrOneCoalescedRead(UdpSocketOptions receiverOptions)
    {
        if (!UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        using var a = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
        using var b = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), receiverOptions);
        byte[] payload = new byte[Segments * SegmentSize];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)((i * 13) + 7);
        }

        var destination = new UdpDatagramSlab(1, 1);
        destination.Datagrams[0].SetAddress(b.LocalEndPoint);
        int sent = a.SendSegments(payload, SegmentSize, destination.Datagrams[0].AddressBytes);
        if (sent == -(int)System.Net.Sockets.SocketError.OperationNotSupported)
        {
            Assert.Skip("this kernel refuses UDP_SEGMENT");
        }

        Assert.Equal(payload.Length, sent);
        var receive = new UdpDatagramSlab(Segments, payload.Length);
        var got = new List<byte>();
        int segments = 0;
        long deadline = Environment.TickCount64 + 2000;
        while (got.Count < payload.Length && Environment.TickCount64 < deadline)
        {
            int n = b.ReceiveBatch(receive.Datagrams);
            Assert.True(n >= 0);
            for (int i = 0; i < n; i++)
            {
                UdpDatagram d = receive.Datagrams[i];
                int size = d.SegmentSize != 0 ? d.SegmentSize : d.Length;
                Assert.Equal(SegmentSize, size);
                Assert.True(d.SegmentSize == 0 || b.GroEnabled);
                got.AddRange(d.Payload.ToArray());
                segments += (d.Length + size - 1) / size;
            }
        }

        Assert.Equal(payload, got.ToArray());
        Assert.Equal(Segments, segments);
    }

    [Fact]
    public void Open_OnAPortInUseWithoutReusePort_Throws()
    {
        if (!UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        using var a = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
        Assert.Throws<System.Net.Sockets.SocketException>(() => UdpBatchSocket.Open(a.LocalEndPoint));
    }

    [Fact]
    public void Open_WithReusePort_SharesThePort()
    {
        if (!UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        using var a = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), UdpSocketOptions.ReusePort);
        using var b = UdpBatchSocket.Open(a.LocalEndPoint, UdpSocketOptions.ReusePort);
        Assert.Equal(a.LocalEndPoint, b.LocalEndPoint);
    }
}
