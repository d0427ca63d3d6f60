using System.Buffers.Binary;
using Gateway.Transport;

namespace Gateway.Tests.Transport;

public sealed class SpscRingTests
{
    private static readonly MediaPath Path = new(RemoteAddress.FromEndPoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 4000)));

    [Fact]
    public void TryWrite_ThenTryPeek_ReturnsThePacketItsPathAndTimestamp()
    {
        var ring = new SpscRing(4, 64);
        Assert.True(ring.IsEmpty);
        Assert.True(ring.TryWrite([1, 2, 3], Path, 42));

        Assert.Equal(1, ring.Count);
        Assert.True(ring.TryPeek(out var packet, out var path, out long timestamp));
        Assert.Equal([1, 2, 3], packet.ToArray());
        Assert.Equal(Path, path);
        Assert.Equal(42, timestamp);
        ring.Advance();
        Assert.True(ring.IsEmpty);
        Assert.False(ring.TryPeek(out _, out _, out _));
    }

    [Fact]
    public void TryWrite_WhenFull_ReturnsFalseUntilTheConsumerAdvances()
    {
        var ring = new SpscRing(3, 16); // rounded up to 4
        Assert.Equal(4, ring.Capacity);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryWrite([(byte)i], Path, i));
        }

        Assert.False(ring.TryWrite([9], Path, 9));
        Assert.True(ring.TryPeek(out var first, out _, out _));
        Assert.Equal(0, first[0]);
        ring.Advance();
        Assert.True(ring.TryWrite([4], Path, 4));

        for (int i = 1; i <= 4; i++)
        {
            Assert.True(ring.TryPeek(out var packet, out _, out long timestamp));
            Assert.Equal(i, packet[0]);
            Assert.Equal(i, timestamp);
            ring.Advance();
        }
    }

    [Fact]
    public void TryWrite_LongerThanASlot_IsRefused()
    {
        var ring = new SpscRing(4, 8);
        Assert.False(ring.TryWrite(new byte[9], Path, 0));
        Assert.True(ring.TryWrite(new byte[8], Path, 0));
    }

    [Fact]
    public void TwoThreads_MillionPackets_ArriveInOrderWithTheirContent()
    {
        const int Total = 1_000_000;
        var ring = new SpscRing(1024, 32);
        long failures = 0;

        var producer = new Thread(() =>
        {
            Span<byte> packet = stackalloc byte[32];
            for (int i = 0; i < Total;)
            {
                int length = 8 + (i % 24);
                BinaryPrimitives.WriteInt32LittleEndian(packet, i);
                packet[4..length].Fill((byte)i);
                if (ring.TryWrite(packet[..length], Path, i))
                {
                    i++;
                }
                else
                {
                    Thread.SpinWait(8);
                }
            }
        });

        producer.Start();
        int expected = 0;
        while (expected < Total)
        {
            if (!ring.TryPeek(out var packet, out var path, out long timestamp))
            {
                Thread.SpinWait(8);
                continue;
            }

            int length = 8 + (expected % 24);
            if (packet.Length != length || BinaryPrimitives.ReadInt32LittleEndian(packet) != expected || timestamp != expected
                || path != Path || packet[4..].ContainsAnyExcept((byte)expected))
            {
                failures++;
            }

            ring.Advance();
            expected++;
        }

        Assert.True(producer.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, failures);
        Assert.True(ring.IsEmpty);
    }
}
