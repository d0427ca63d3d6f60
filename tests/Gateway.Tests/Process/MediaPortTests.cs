using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Process;

public sealed class MediaPortTests
{
    [Fact]
    public async Task A_media_port_in_use_exits_with_ListenFailed_and_says_which_key_to_change()
    {
        // A TCP listener without SO_REUSEPORT holds the port the node wants for RFC 4571.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        int port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        using var data = new TempDirectory();
        using var gateway = GatewayProcess.Start(
            new Dictionary<string, string> { ["GATEWAY_Media__Port"] = $"{port}" },
            "run", "--urls", $"http://127.0.0.1:{FreePort.Pick()}", "--data-dir", data.Path);
        int exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(69, exitCode);
        Assert.Contains($"error: The media transport cannot bind 127.0.0.1 port {port}", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("Media:Port", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", gateway.Output, StringComparison.Ordinal);
    }
}
