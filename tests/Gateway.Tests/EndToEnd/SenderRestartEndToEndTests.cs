namespace Gateway.Tests.EndToEnd;

/// <summary>
/// A publisher whose sender restarts with another SSRC keeps its track (as a restarted ffmpeg does) — and keeps it
/// when it restarts again, back to the SSRC its offer declared.
/// </summary>
public sealed class SenderRestartEndToEndTests
{
    private const uint Declared = 0x5A5A01;
    private const uint Random = 0x5A5A02;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_publisher_restarting_back_to_its_declared_ssrc_is_forwarded_again()
    {
        await using var node = await RelayEndToEndTests.StartAsync("native");
        await MediaTestClient.CreateRoomAsync(node, "restart");
        await using var publisher = await SrtpEndToEndClient.JoinAsync(node, "restart", "pub", Declared);
        await using var subscriber = await SrtpEndToEndClient.JoinAsync(node, "restart", "sub", null);

        byte[] first = PayloadStamp.Make(1, 0);
        publisher.SendRtp(first);
        Assert.Equal(first, Assert.Single(subscriber.ReceiveRtp(1, Patience)).Payload);

        // A restart: the same key, a new SSRC and numbering. Subscribers keep seeing the declared SSRC.
        byte[] second = PayloadStamp.Make(1, 1);
        publisher.SendRtpAs(Random, 30_000, 1_000_000, second);
        var restarted = Assert.Single(subscriber.ReceiveRtp(1, Patience));
        Assert.Equal(Declared, restarted.Ssrc);
        Assert.Equal(second, restarted.Payload);

        // Restarts are taken at most once a second per track.
        await Task.Delay(1_200, TestContext.Current.CancellationToken);

        // Restarted again, with the SSRC of its offer (a client that takes its SSRC from its own SDP). Its numbering
        // goes on from where the declared stream was, as one SRTP key demands (a lower index would be a replay).
        byte[] third = PayloadStamp.Make(1, 2);
        publisher.SendRtp(third);
        var back = Assert.Single(subscriber.ReceiveRtp(1, Patience));
        Assert.Equal(Declared, back.Ssrc);
        Assert.Equal(third, back.Payload);
    }
}
