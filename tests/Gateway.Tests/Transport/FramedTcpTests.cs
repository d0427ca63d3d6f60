using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Gateway.Transport;

namespace Gateway.Tests.Transport;

public sealed class FramedTcpTests
{
    public static TheoryData<string> Transports => new() { "native", "managed" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Frames_InBothDirections_ReachTheOwnerAndComeBackFramed(string transport)
    {
        using var fixture = TransportFixture.Start(transport, workers: 2, tcp: true);
        Assert.Equal(fixture.Host.UdpPort, fixture.Host.TcpPort);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, fixture.Host.TcpPort, TestContext.Current.CancellationToken);
        var stream = client.GetStream();

        // Three frames in one write, the third split over two writes.
        byte[] frames = [.. Frame([1, 0, 7, 1, 1]), .. Frame([0, 0, 7, 2, 2, 2]), .. Frame([1, 0, 7, 3])];
        await stream.WriteAsync(frames.AsMemory(0, frames.Length - 2), TestContext.Current.CancellationToken);
        await Task.Delay(20, TestContext.Current.CancellationToken);
        await stream.WriteAsync(frames.AsMemory(frames.Length - 2), TestContext.Current.CancellationToken);

        // Two workers answer, so only each worker's own replies keep their order.
        var replies = new List<byte[]>();
        for (int i = 0; i < 3; i++)
        {
            replies.Add(await ReadFrameAsync(stream));
        }

        replies.Sort((a, b) => a[3].CompareTo(b[3]));
        Assert.Equal([1, 1, 7, 1, 1], replies[0]);
        Assert.Equal([0, 0, 7, 2, 2, 2], replies[1]);
        Assert.Equal([1, 1, 7, 3], replies[2]);
        Assert.Equal(2, fixture.App.Handled(1));
        Assert.Equal(1, fixture.App.Handled(0));
        Assert.Equal(3, fixture.Sum(c => c.PacketsIn));
        Assert.Equal(1, fixture.Host.TcpConnectionCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(MediaTransportHost.SlotSize + 1)]
    public async Task MalformedLength_ClosesTheConnectionAndIsCounted(int length)
    {
        using var fixture = TransportFixture.Start("managed", workers: 1, tcp: true);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, fixture.Host.TcpPort, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var header = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)length);
        await stream.WriteAsync(header, TestContext.Current.CancellationToken);

        Assert.Equal(0, await ReadToEndAsync(stream));
        Assert.True(TransportFixture.Eventually(() => fixture.Sum(c => c.Drops(MediaDropReason.Malformed)) == 1));
        Assert.True(TransportFixture.Eventually(() => fixture.Host.TcpConnectionCount == 0));
    }

    [Fact]
    public async Task UnknownSourceFrame_IsDroppedAndCounted_AndTheConnectionStaysOpen()
    {
        using var fixture = TransportFixture.Start("managed", workers: 1, tcp: true);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, fixture.Host.TcpPort, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Frame([EchoMediaApplication.Unknown, 0, 0, 0]), TestContext.Current.CancellationToken);
        Assert.True(TransportFixture.Eventually(() => fixture.Sum(c => c.Drops(MediaDropReason.UnknownSource)) == 1));

        await stream.WriteAsync(Frame([0, 9, 9, 9]), TestContext.Current.CancellationToken);
        Assert.Equal([0, 0, 9, 9], await ReadFrameAsync(stream));
    }

    [Fact]
    public async Task ClientClose_IsSeenAsAClosedConnection()
    {
        using var fixture = TransportFixture.Start("managed", workers: 1, tcp: true);
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, fixture.Host.TcpPort, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Frame([0, 0, 1, 2]), TestContext.Current.CancellationToken);
        await ReadFrameAsync(stream);
        IFramedConnection connection = fixture.App.LastConnection!;
        Assert.True(connection.IsOpen);
        Assert.True(connection.RemoteAddress.IsSet);

        client.Dispose();
        Assert.True(TransportFixture.Eventually(() => !connection.IsOpen));
        Assert.True(TransportFixture.Eventually(() => fixture.Host.TcpConnectionCount == 0));
    }

    private static byte[] Frame(byte[] packet)
    {
        var frame = new byte[packet.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)packet.Length);
        packet.CopyTo(frame, 2);
        return frame;
    }

    private static async Task<byte[]> ReadFrameAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var header = new byte[2];
        await stream.ReadExactlyAsync(header, timeout.Token);
        var packet = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
        await stream.ReadExactlyAsync(packet, timeout.Token);
        return packet;
    }

    private static async Task<int> ReadToEndAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var buffer = new byte[64];
        int total = 0;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += n;
            }
        }
        catch (IOException)
        {
            // Reset by the server: closed all the same.
        }

        return total;
    }
}
