using System.Runtime;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The zero-allocation tests count bytes with <see cref="GC.GetAllocatedBytesForCurrentThread"/>, which only counts
/// exactly under blocking GC: the end of a background mark drops every thread's allocation buffer without taking its
/// unused bytes off that thread's count (a thread that allocated nothing "allocates" a few KB). Directory.Build.props
/// turns background GC off for test projects; this keeps it that way.
/// </summary>
public sealed class TestHostGcTests
{
    [Fact]
    public void TestHost_CollectsInTheForeground_SoAllocationCountsAreExact()
    {
        Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);
    }
}
