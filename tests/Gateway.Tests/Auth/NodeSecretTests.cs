using Gateway.Auth;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Auth;

public sealed class NodeSecretTests
{
    [Fact]
    public async Task NodeStart_GeneratesTheSecret_AndLogsWhereButNeverTheSecret()
    {
        string secretText;
        IReadOnlyList<LogEntry> entries;
        await using (var node = await RunningNode.StartAsync())
        {
            var path = Path.Combine(node.DataDirectory, ApiSecretStore.FileName);
            secretText = File.ReadAllText(path).Trim();
            entries = node.Log.Entries;

            var line = Assert.Single(entries, e => e.Message.StartsWith("Generated a new API secret in ", StringComparison.Ordinal));
            Assert.Contains(path, line.Message, StringComparison.Ordinal);
            Assert.Contains("gateway token create --room R --identity I", line.Message, StringComparison.Ordinal);

            var issued = node.Service<AccessTokenIssuer>().Issue("alice", "r", AccessTokenGrants.Publish, TimeSpan.FromMinutes(1));
            Assert.True((await node.Service<AccessTokenValidator>().ValidateAsync(issued, "r", AccessTokenGrants.Publish)).IsValid);
        }

        Assert.True(secretText.Length >= 43);
        Assert.DoesNotContain(entries, e => e.Message.Contains(secretText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeStart_WithAuthApiSecret_LogsItsSourceOnly_AndWritesNoFile()
    {
        var configured = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        await using var node = await RunningNode.StartAsync($"--Auth:ApiSecret={configured}");

        Assert.False(File.Exists(Path.Combine(node.DataDirectory, ApiSecretStore.FileName)));
        Assert.Contains(node.Log.Entries, e => e.Message == "Access tokens are checked with the API secret from config Auth:ApiSecret");
        Assert.DoesNotContain(node.Log.Entries, e => e.Message.Contains(configured, StringComparison.Ordinal));
    }
}
