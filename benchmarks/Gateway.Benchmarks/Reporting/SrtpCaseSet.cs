using BenchmarkDotNet.Reports;

namespace Gateway.Benchmarks.Reporting;

/// <summary>Every successful case of a run, looked up by suite, method, profile and size.</summary>
internal sealed class SrtpCaseSet
{
    private readonly List<SrtpCase> _all;

    private SrtpCaseSet(List<SrtpCase> all) => _all = all;

    public IReadOnlyList<SrtpCase> All => _all;

    public static SrtpCaseSet From(IEnumerable<Summary> summaries)
    {
        var all = new List<SrtpCase>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (!report.Success || report.ResultStatistics is null)
                {
                    continue;
                }

                var parameters = report.BenchmarkCase.Parameters;
                object? profile = parameters.Items.Any(p => p.Name == "Profile") ? parameters["Profile"] : null;
                object? size = parameters.Items.Any(p => p.Name == "Size") ? parameters["Size"] : null;
                all.Add(new SrtpCase(
                    report.BenchmarkCase.Descriptor.Type.Name,
                    report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                    profile?.ToString(),
                    size is int s ? s : 0,
                    report.ResultStatistics.Mean,
                    report.ResultStatistics.StandardDeviation,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
            }
        }

        return new SrtpCaseSet(all);
    }

    public bool HasSuite(string suite) => _all.Exists(m => m.Suite == suite);

    public SrtpCase? Find(string suite, string method, int size = 0, string? profile = null) =>
        _all.Find(m => m.Suite == suite && m.Method == method && m.Size == size && (profile is null || m.Profile == profile));
}
