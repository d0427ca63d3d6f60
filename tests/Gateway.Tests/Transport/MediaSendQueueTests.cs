using System.Net;
using System.Net.Sockets;
using Gateway.Crypto.Native.Net;
using Gateway.Transport;

namespace Gateway.Tests.Transport;

/// <summary>
/// The send queue over a real native socket on loopback: packets committed interleaved across destinations (as a
/// relay fans a burst out, packet by packet) leave grouped, one GSO message per destination, each destination's
/// packets in commit order; with GSO off they leave one by one, in the same order per destination.
/// </summary>
public sealed class MediaSendQueueTests
{
    [Theory]
    [InlineData(true, 3, 16)]
    [InlineData(true, 10, 16)]
    [InlineData(true, 40, 4)]
    [InlineData(false, 10, 16)]
    public void InterleavedCommits_ArriveGroupedAndInOrder_PerDestination(bool gso, int destinations, int perDestination)
    {
        if (!UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        using var socket = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
        socket.SetBufferSizes(1 << 22, 1 << 22);
        var receivers = new Socket[destinations];
        try
        {
            OpenReceivers(receivers);

            var counters = new MediaCounters();
            var queue = new MediaSendQueue(socket, gso, counters, capacity: destinations * perDestination, slotSize: 1500);
            var paths = receivers.Select(r => new MediaPath(RemoteAddress.FromEndPoint((IPEndPoint)r.LocalEndPoint!))).ToArray();

            // Packet k to destination d: [d, k, ...], 600 bytes; commits interleaved d0 k0, d1 k0, ..., d0 k1, ...
            for (int k = 0; k < perDestination; k++)
            {
                for (int d = 0; d < destinations; d++)
                {
                    Span<byte> buffer = queue.Reserve();
                    buffer[..600].Fill(0x5A);
                    buffer[0] = (byte)d;
                    buffer[1] = (byte)k;
                    queue.Commit(600, paths[d], 0);
                }
            }

            queue.Flush();
            Assert.Equal(0, queue.Count);
            Assert.Equal(gso && queue.GsoActive ? destinations : 0, queue.GsoSends);
            Assert.Equal(destinations * perDestination, counters.PacketsOut);

            var received = new byte[2048];
            for (int d = 0; d < destinations; d++)
            {
                for (int k = 0; k < perDestination; k++)
                {
                    int length = receivers[d].Receive(received);
                    Assert.Equal(600, length);
                    Assert.Equal(d, received[0]);
                    Assert.Equal(k, received[1]);
                }

                Assert.Equal(0, receivers[d].Available);
            }

            // A second flush starts from empty groups: one more round to the first two destinations only.
            for (int d = 0; d < 2; d++)
            {
                Span<byte> buffer = queue.Reserve();
                buffer[0] = (byte)d;
                buffer[1] = 200;
                queue.Commit(100, paths[d], 0);
            }

            queue.Flush();
            for (int d = 0; d < 2; d++)
            {
                Assert.Equal(100, receivers[d].Receive(received));
                Assert.Equal(d, received[0]);
                Assert.Equal(200, received[1]);
            }
        }
        finally
        {
            foreach (Socket? receiver in receivers)
            {
                receiver?.Dispose();
            }
        }
    }

    /// <summary>
    /// Commits with the caller's per-destination hints (as the router makes them) leave exactly as without: grouped, in
    /// order, each to its own address — also when a hint is stale: from another queue, from before a flush, or kept
    /// for a destination whose address changed mid-flush (a latched participant).
    /// </summary>
    [Fact]
    public void HintedCommits_GoWhereTheirPathSays_EvenWithStaleOrForeignHints()
    {
        if (!UdpBatchSocket.IsSupported)
        {
            Assert.Skip("libgateway_native batch UDP I/O is not available here");
        }

        const int Destinations = 6;
        const int PerDestination = 8;
        using var socket = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
        socket.SetBufferSizes(1 << 22, 1 << 22);
        using var otherSocket = UdpBatchSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
        var receivers = new Socket[Destinations];
        try
        {
            OpenReceivers(receivers);

            var counters = new MediaCounters();
            var queue = new MediaSendQueue(socket, gso: true, counters, capacity: 256, slotSize: 1500);
            var other = new MediaSendQueue(otherSocket, gso: true, new MediaCounters(), capacity: 256, slotSize: 1500);
            var paths = receivers.Select(r => new MediaPath(RemoteAddress.FromEndPoint((IPEndPoint)r.LocalEndPoint!))).ToArray();
            var hints = new SendGroupHint[Destinations];

            // Hints made by another queue for the same addresses but other group numbers (there destination 5 is group 0,
            // 4 is group 1, ...), in its first flush, as this queue's: only the flush numbering tells them apart.
            for (int d = Destinations - 1; d >= 0; d--)
            {
                other.Reserve();
                other.Commit(100, paths[d], 0, ref hints[d]);
            }

            for (int round = 0; round < 2; round++)
            {
                // Destination 0's hint is handed to destination 1's packets halfway (its address changed mid-flush).
                for (int k = 0; k < PerDestination; k++)
                {
                    for (int d = 0; d < Destinations; d++)
                    {
                        Span<byte> buffer = queue.Reserve();
                        buffer[..600].Fill(0x5A);
                        buffer[0] = (byte)d;
                        buffer[1] = (byte)(round * PerDestination + k);
                        ref SendGroupHint hint = ref hints[d == 1 && k >= PerDestination / 2 ? 0 : d];
                        queue.Commit(600, paths[d], 0, ref hint);
                    }
                }

                queue.Flush(); // every hint of this round is now stale for the next
            }

            Assert.Equal(2 * Destinations * PerDestination, counters.PacketsOut);
            var received = new byte[2048];
            for (int d = 0; d < Destinations; d++)
            {
                for (int k = 0; k < 2 * PerDestination; k++)
                {
                    Assert.Equal(600, receivers[d].Receive(received));
                    Assert.Equal(d, received[0]);
                    Assert.Equal(k, received[1]);
                }

                Assert.Equal(0, receivers[d].Available);
            }
        }
        finally
        {
            foreach (Socket? receiver in receivers)
            {
                receiver?.Dispose();
            }
        }
    }

    /// <summary>A bound UDP socket on loopback in each place of <paramref name="receivers"/> (the caller disposes them).</summary>
    private static void OpenReceivers(Socket[] receivers)
    {
        for (int d = 0; d < receivers.Length; d++)
        {
            receivers[d] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            receivers[d].ReceiveBufferSize = 1 << 20;
            receivers[d].Bind(new IPEndPoint(IPAddress.Loopback, 0));
            receivers[d].ReceiveTimeout = 5000;
        }
    }
}
