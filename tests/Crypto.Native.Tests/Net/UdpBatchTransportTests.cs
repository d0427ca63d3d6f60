using System.Net;
using System.Net.Sockets;
using Gateway.Crypto.Native.Net;

namespace Gateway.Crypto.Native.Tests.Net;

/// <summary>The native socket and its managed twin over real loopback sockets, with the same expectations.</summary>
public sealed class UdpBatchTransportTests
{
    private const int Batch = 32;

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void SendBatch_ThenReceiveBatch_DeliversEveryDatagramWithLengthContentsAndSource(string kind)
    {
        using IUdpBatchTransport a = UdpTransports.Open(kind);
        using IUdpBatchTransport b = UdpTransports.Open(kind);
        var send = new UdpDatagramSlab(Batch, 256);
        var receive = new UdpDatagramSlab(Batch, 256);
        for (int i = 0; i < Batch; i++)
        {
            ref UdpDatagram d = ref send.Datagrams[i];
            d.Length = 1 + (i * 7);
            for (int j = 0; j < d.Length; j++)
            {
                d.Buffer[j] = (byte)((i * 31) + j);
            }

            d.SetAddress(b.LocalEndPoint);
        }

        Assert.Equal(Batch, a.SendBatch(send.Datagrams));
        Assert.Equal(Batch, UdpTransports.ReceiveAll(b, receive.Datagrams, Batch));
        for (int i = 0; i < Batch; i++)
        {
            UdpDatagram got = receive.Datagrams[i];
            Assert.Equal(send.Datagrams[i].Payload.ToArray(), got.Payload.ToArray());
            Assert.False(got.Truncated);
            Assert.Equal(0, got.SegmentSize);
            Assert.Equal(a.LocalEndPoint, got.GetEndPoint());
        }
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void SendBatch_MessagesWithASegmentSize_ArriveAsSegmentsBesideAPlainMessage(string kind)
    {
        // One batch: a GSO message of 10 segments of 100 bytes and a last one of 40, then a plain datagram.
        using var sender = UdpTransports.Open(kind);
        using var receiver = UdpTransports.Open(kind);
        var slab = new UdpDatagramSlab(2, 2048);
        Span<UdpDatagram> send = slab.Datagrams;
        for (int i = 0; i < 1040; i++)
        {
            send[0].Buffer[i] = (byte)((i * 7) + 1);
        }

        send[0].Length = 1040;
        send[0].SegmentSize = 100;
        send[0].SetAddress(receiver.LocalEndPoint);
        send[1].Buffer[..30].Fill(0xEE);
        send[1].Length = 30;
        send[1].SetAddress(receiver.LocalEndPoint);

        int sent = sender.SendBatch(send);
        if (sent == -(int)System.Net.Sockets.SocketError.OperationNotSupported)
        {
            Assert.Skip("this kernel refuses UDP_SEGMENT");
        }

        Assert.Equal(2, sent);
        var receive = new UdpDatagramSlab(12, 2048);
        Assert.Equal(12, UdpTransports.ReceiveAll(receiver, receive.Datagrams, 12));
        for (int i = 0; i < 11; i++)
        {
            UdpDatagram d = receive.Datagrams[i];
            Assert.Equal(i < 10 ? 100 : 40, d.Length);
            Assert.Equal(send[0].Buffer.Slice(i * 100, d.Length).ToArray(), d.Payload.ToArray());
        }

        Assert.Equal(Enumerable.Repeat((byte)0xEE, 30).ToArray(), receive.Datagrams[11].Payload.ToArray());
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void SendBatch_ARunGatheredFromSeparateSlots_ArrivesAsItsPacketsInOrder(string kind)
    {
        // Packets 0..7 of 120 bytes and a last one of 50, each in its own slot: one GSO run (native), eight sends (managed).
        // Only the first names the destination: a gathered buffer's address is not read, so it may be empty.
        using var sender = UdpTransports.Open(kind);
        using var receiver = UdpTransports.Open(kind);
        var slab = new UdpDatagramSlab(9, 2048);
        Span<UdpDatagram> send = slab.Datagrams;
        send[0].SetAddress(receiver.LocalEndPoint);
        for (int i = 0; i < 9; i++)
        {
            send[i].Length = i < 8 ? 120 : 50;
            send[i].Buffer[..send[i].Length].Fill((byte)(i + 1));
            send[i].Continues = i > 0;
            Assert.Equal(i == 0 ? 16 : 0, send[i].AddressLength);
        }

        send[0].SegmentSize = 120;
        int sent = sender.SendBatch(send);
        if (sent == -(int)System.Net.Sockets.SocketError.OperationNotSupported)
        {
            Assert.Skip("this kernel refuses UDP_SEGMENT");
        }

        Assert.Equal(9, sent);
        var receive = new UdpDatagramSlab(9, 2048);
        Assert.Equal(9, UdpTransports.ReceiveAll(receiver, receive.Datagrams, 9));
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(Enumerable.Repeat((byte)(i + 1), i < 8 ? 120 : 50).ToArray(), receive.Datagrams[i].Payload.ToArray());
            Assert.False(receive.Datagrams[i].Continues);
        }
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void ReceiveBatch_OnAnEmptyQueue_ReturnsZero(string kind)
    {
        using IUdpBatchTransport b = UdpTransports.Open(kind);
        var receive = new UdpDatagramSlab(4, 64);
        Assert.Equal(0, b.ReceiveBatch(receive.Datagrams));
        Assert.Equal(0, b.ReceiveBatch([]));
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void ReceiveBatch_DatagramLongerThanItsSlot_KeepsThePrefixAndFlagsIt(string kind)
    {
        using IUdpBatchTransport a = UdpTransports.Open(kind);
        using IUdpBatchTransport b = UdpTransports.Open(kind);
        var send = new UdpDatagramSlab(2, 300);
        var receive = new UdpDatagramSlab(2, 16);
        for (int i = 0; i < 2; i++)
        {
            ref UdpDatagram d = ref send.Datagrams[i];
            d.Length = i == 0 ? 200 : 10;
            for (int j = 0; j < d.Length; j++)
            {
                d.Buffer[j] = (byte)(j + i);
            }

            d.SetAddress(b.LocalEndPoint);
        }

        Assert.Equal(2, a.SendBatch(send.Datagrams));
        Assert.Equal(2, UdpTransports.ReceiveAll(b, receive.Datagrams, 2));
        UdpDatagram longOne = receive.Datagrams[0];
        Assert.True(longOne.Truncated);
        Assert.Equal(16, longOne.Length);
        Assert.Equal(send.Datagrams[0].Payload[..16].ToArray(), longOne.Payload.ToArray());
        UdpDatagram shortOne = receive.Datagrams[1];
        Assert.False(shortOne.Truncated);
        Assert.Equal(send.Datagrams[1].Payload.ToArray(), shortOne.Payload.ToArray());
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void Batches_LargerThanOneSyscall_AreCarriedWhole(string kind)
    {
        const int Count = 100; // more than GW_UDP_MAX_BATCH (64): the native side works in chunks
        using IUdpBatchTransport a = UdpTransports.Open(kind);
        using IUdpBatchTransport b = UdpTransports.Open(kind);
        var send = new UdpDatagramSlab(Count, 8);
        var receive = new UdpDatagramSlab(Count, 8);
        for (int i = 0; i < Count; i++)
        {
            ref UdpDatagram d = ref send.Datagrams[i];
            d.Length = 4;
            BitConverter.TryWriteBytes(d.Buffer, i);
            d.SetAddress(b.LocalEndPoint);
        }

        Assert.Equal(Count, a.SendBatch(send.Datagrams));
        Assert.Equal(Count, UdpTransports.ReceiveAll(b, receive.Datagrams, Count));
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(i, BitConverter.ToInt32(receive.Datagrams[i].Payload));
        }
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void Calls_AfterDispose_ReturnAnErrorValue(string kind)
    {
        IUdpBatchTransport b = UdpTransports.Open(kind);
        var slab = new UdpDatagramSlab(2, 16);
        slab.Datagrams[0].SetAddress(new IPEndPoint(IPAddress.Loopback, 9));
        b.Dispose();
        Assert.Equal(-(int)SocketError.NotSocket, b.ReceiveBatch(slab.Datagrams));
        Assert.Equal(-(int)SocketError.NotSocket, b.SendBatch(slab.Datagrams[..1]));
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void SendBatch_WithoutAnAddress_ReturnsInvalidArgument(string kind)
    {
        using IUdpBatchTransport a = UdpTransports.Open(kind);
        var slab = new UdpDatagramSlab(1, 16);
        slab.Datagrams[0].Length = 4;
        Assert.Equal(-(int)SocketError.InvalidArgument, a.SendBatch(slab.Datagrams));
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void SendAndReceive_AllocateNothingOver10000Batches(string kind)
    {
        const int Batches = 10_000;
        const int PerBatch = 8;
        using IUdpBatchTransport a = UdpTransports.Open(kind);
        using IUdpBatchTransport b = UdpTransports.Open(kind);
        var send = new UdpDatagramSlab(PerBatch, 64);
        var receive = new UdpDatagramSlab(PerBatch, 64);
        for (int i = 0; i < PerBatch; i++)
        {
            send.Datagrams[i].Length = 64;
            send.Datagrams[i].SetAddress(b.LocalEndPoint);
        }

        int failures = 0;
        void Loop(int batches)
        {
            for (int n = 0; n < batches; n++)
            {
                // Loopback delivery is synchronous: what sendmmsg accepted is queued at b when it returns.
                int sent = a.SendBatch(send.Datagrams);
                int received = 0;
                for (int spins = 0; received < sent && spins < 1000; spins++)
                {
                    int got = b.ReceiveBatch(receive.Datagrams[received..sent]);
                    received += got > 0 ? got : 0;
                }

                if (sent != PerBatch || received != sent)
                {
                    failures++;
                }
            }
        }

        Loop(200);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Loop(Batches);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        TestContext.Current.SendDiagnosticMessage($"{kind}: {allocated} bytes allocated over {Batches} batches of {PerBatch}");
        if (kind == UdpTransports.Native)
        {
            Assert.Equal(0, allocated);
        }
        else
        {
            // The managed twin runs on Socket: the runtime may allocate once in a while (a few hundred bytes
            // over the run were seen), but never per datagram or per batch.
            Assert.True(allocated < Batches, $"{allocated} bytes over {Batches} batches: that is per batch");
        }
    }

    [Theory]
    [MemberData(nameof(UdpTransports.All), MemberType = typeof(UdpTransports))]
    public void Ipv6Loopback_CarriesDatagramsAndSource(string kind)
    {
        if (!Socket.OSSupportsIPv6)
        {
            Assert.Skip("no IPv6 here");
        }

        IUdpBatchTransport a, b;
        try
        {
            a = UdpTransports.Open(kind, UdpSocketOptions.None, IPAddress.IPv6Loopback);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
        {
            Assert.Skip("no IPv6 loopback here: " + ex.SocketErrorCode);
            return;
        }

        using (a)
        using (b = UdpTransports.Open(kind, UdpSocketOptions.None, IPAddress.IPv6Loopback))
        {
            var send = new UdpDatagramSlab(3, 32);
            var receive = new UdpDatagramSlab(3, 32);
            for (int i = 0; i < 3; i++)
            {
                send.Datagrams[i].Length = 10 + i;
                send.Datagrams[i].Buffer.Fill((byte)i);
                send.Datagrams[i].SetAddress(b.LocalEndPoint);
            }

            Assert.Equal(3, a.SendBatch(send.Datagrams));
            Assert.Equal(3, UdpTransports.ReceiveAll(b, receive.Datagrams, 3));
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(send.Datagrams[i].Payload.ToArray(), receive.Datagrams[i].Payload.ToArray());
                Assert.Equal(UdpDatagram.MaxAddressSize, receive.Datagrams[i].AddressBytes.Length);
                Assert.Equal(a.LocalEndPoint, receive.Datagrams[i].GetEndPoint());
            }

            // Replying to a source copies its raw address: no end point is built.
            send.Datagrams[0].SetAddress(receive.Datagrams[0].AddressBytes);
            Assert.Equal(1, b.SendBatch(send.Datagrams[..1]));
            Assert.Equal(1, UdpTransports.ReceiveAll(a, receive.Datagrams, 1));
            Assert.Equal(b.LocalEndPoint, receive.Datagrams[0].GetEndPoint());
        }
    }
}
