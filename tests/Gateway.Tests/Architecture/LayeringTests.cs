using System.Reflection;
using Gateway.Hosting;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The server must not be able to make or hold meeting keys: it does not even link the E2EE code
/// (ARCHITECTURE.md, "Rules that keep the picture true").
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly GatewayAssembly = typeof(GatewayHost).Assembly;

    [Fact]
    public void GatewayAssembly_IsTheHost()
    {
        Assert.Equal("gateway", GatewayAssembly.GetName().Name);
    }

    [Fact]
    public void GatewayAssembly_ReferencesNoE2eeAssembly()
    {
        var references = GatewayAssembly.GetReferencedAssemblies().Select(r => r.Name ?? "").ToList();

        // The list is real: the host's own dependency is in it.
        Assert.Contains("Gateway.Crypto.Native", references);
        Assert.DoesNotContain(references, name => name.Contains("E2ee", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void GatewayAssembly_ReachesNoE2eeAssembly_ThroughItsOwnProjects()
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        Walk(GatewayAssembly, reached);

        Assert.Contains("Gateway.Crypto.Native", reached);
        Assert.DoesNotContain(reached, name => name.Contains("E2ee", StringComparison.OrdinalIgnoreCase));
    }

    // Follows references into this repository's assemblies (Gateway.*), where a layer could pull E2EE in.
    private static void Walk(Assembly assembly, SortedSet<string> reached)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            var name = reference.Name ?? "";
            if (!reached.Add(name) || !name.StartsWith("Gateway.", StringComparison.Ordinal))
            {
                continue;
            }

            Walk(Assembly.Load(reference), reached);
        }
    }
}
