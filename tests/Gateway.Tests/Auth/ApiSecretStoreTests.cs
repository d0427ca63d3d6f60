using System.Buffers.Text;
using Gateway.Auth;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Auth;

public sealed class ApiSecretStoreTests
{
    private static readonly string ConfiguredSecret = Base64Url.EncodeToString(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void TryLoad_OnAFirstStart_GeneratesAFileWithMode0600_AndReusesItAfterwards()
    {
        using var directory = new TempDirectory();
        var configuration = Configuration();

        Assert.True(ApiSecretStore.TryLoad(configuration, directory.Path, create: true, out var first, out var generated, out var error), error);
        Assert.True(generated);
        var path = Path.Combine(directory.Path, ApiSecretStore.FileName);
        Assert.Equal(path, first.Source);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var text = File.ReadAllText(path).Trim();
        Assert.True(Base64Url.DecodeFromChars(text).Length >= ApiSecret.MinimumBytes);

        Assert.True(ApiSecretStore.TryLoad(configuration, directory.Path, create: true, out var second, out generated, out error), error);
        Assert.False(generated);
        Assert.Equal(first.KeyBytes(), second.KeyBytes());
        Assert.Equal(text, File.ReadAllText(path).Trim());
    }

    [Fact]
    public void TryLoad_WithAuthApiSecret_UsesIt_AndCreatesNoFile()
    {
        using var directory = new TempDirectory();

        Assert.True(ApiSecretStore.TryLoad(Configuration(ConfiguredSecret), directory.Path, create: true, out var secret, out var generated, out var error), error);

        Assert.False(generated);
        Assert.Equal(Base64Url.DecodeFromChars(ConfiguredSecret), secret.KeyBytes());
        Assert.False(File.Exists(Path.Combine(directory.Path, ApiSecretStore.FileName)));
    }

    [Fact]
    public void TryLoad_WithAuthApiSecret_WinsOverAnExistingFile()
    {
        using var directory = new TempDirectory();
        Assert.True(ApiSecretStore.TryLoad(Configuration(), directory.Path, create: true, out var fromFile, out _, out _));

        Assert.True(ApiSecretStore.TryLoad(Configuration(ConfiguredSecret), directory.Path, create: true, out var secret, out _, out var error), error);

        Assert.NotEqual(fromFile.KeyBytes(), secret.KeyBytes());
        Assert.Equal(Base64Url.DecodeFromChars(ConfiguredSecret), secret.KeyBytes());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("not base64url at all!!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg")] // 31 bytes
    public void TryLoad_WithABadAuthApiSecret_FailsWithoutEchoingIt(string configured)
    {
        using var directory = new TempDirectory();

        Assert.False(ApiSecretStore.TryLoad(Configuration(configured), directory.Path, create: true, out _, out _, out var error));

        Assert.Contains(ApiSecretStore.ConfigKey, error, StringComparison.Ordinal);
        Assert.DoesNotContain(configured, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_WithoutCreate_AndNoSecret_SaysHowToGetOne()
    {
        using var directory = new TempDirectory();

        Assert.False(ApiSecretStore.TryLoad(Configuration(), directory.Path, create: false, out _, out _, out var error));

        Assert.Contains("start the node once or set Auth:ApiSecret", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory.Path, ApiSecretStore.FileName)));
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var secret = new ApiSecret(Base64Url.DecodeFromChars(ConfiguredSecret), "test");

        Assert.DoesNotContain(ConfiguredSecret, secret.ToString(), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? secret = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(secret is null ? [] : [new KeyValuePair<string, string?>(ApiSecretStore.ConfigKey, secret)])
            .Build();
}
