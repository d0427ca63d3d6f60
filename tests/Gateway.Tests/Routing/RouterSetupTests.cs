using System.Text;
using Gateway.Crypto.Native;
using Gateway.Hosting;
using Gateway.Metrics;
using Gateway.Routing;
using Gateway.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Routing;

public sealed class RouterSetupTests
{
    [Fact]
    public async Task TryAdd_RegistersOneRouter_AsApplicationAndControl_WithItsGauges()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Routing:MaxMeetings"] = "3",
            ["Routing:PliThrottleMilliseconds"] = "250",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(new GatewayMetrics(new CryptoChoice
        {
            Setting = "managed",
            Implementation = AesImplementation.Managed,
            Name = "managed",
            Description = "managed",
            Supported = [AesImplementation.Managed],
        }));

        Assert.True(RouterSetup.TryAdd(services, configuration, out string? error), error);
        using ServiceProvider provider = services.BuildServiceProvider();
        var router = provider.GetRequiredService<MediaRouter>();
        Assert.Same(router, provider.GetRequiredService<IMediaApplication>());
        Assert.Same(router, provider.GetRequiredService<IMeetingControl>());
        Assert.Equal(3, router.Options.MaxMeetings);
        Assert.Equal(250, router.Options.PliThrottleMilliseconds);
        Assert.Equal(50, router.Options.DefaultMaxParticipants);

        router.CreateMeeting(new MeetingOptions { Id = "r1" }, out _);
        await router.JoinAsync("r1", RouterHarness.Spec("x", new byte[28], default, []), TestContext.Current.CancellationToken);
        using var stream = new MemoryStream();
        await provider.GetRequiredService<GatewayMetrics>().Registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        string text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("gateway_rooms 1", text, StringComparison.Ordinal);
        Assert.Contains("gateway_participants 1", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Routing:MaxMeetings", "0")]
    [InlineData("Routing:DefaultMaxParticipants", "1")]
    [InlineData("Routing:NackCacheMilliseconds", "-5")]
    [InlineData("Routing:PliThrottleMilliseconds", "lots")]
    public void TryAdd_RefusesValuesOutOfRange_NamingTheKey(string key, string value)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        Assert.False(RouterSetup.TryAdd(new ServiceCollection(), configuration, out string? error));
        Assert.Contains(key.Split(':')[1], error, StringComparison.Ordinal);
    }
}
