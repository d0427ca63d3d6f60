using System.Diagnostics.CodeAnalysis;

namespace Gateway.Hosting;

/// <summary>A built node, or the reason it could not be built (a message for the operator).</summary>
internal readonly record struct GatewayHostBuild(WebApplication? App, string? Error)
{
    [MemberNotNullWhen(true, nameof(App))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => App is not null;
}
