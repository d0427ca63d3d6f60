using BenchmarkDotNet.Reports;

namespace Gateway.Benchmarks.Reporting;

/// <summary>Every successful case of a run, looked up by suite, method, implementation and size.</summary>
internal sealed class MeasurementSet
{
    private readonly List<Measurement> _all;

    private MeasurementSet(List<Measurement> all) => _all = all;

    public IReadOnlyList<Measurement> All => _all;

    public static MeasurementSet From(IEnumerable<Summary> summaries)
    {
        var all = new List<Measurement>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (!report.Success || report.ResultStatistics is null)
                {
                    continue;
                }

                var parameters = report.BenchmarkCase.Parameters;
                object? implementation = parameters.Items.Any(p => p.Name == "Implementation") ? parameters["Implementation"] : null;
                object? size = parameters.Items.Any(p => p.Name == "Size") ? parameters["Size"] : null;
                all.Add(new Measurement(
                    report.BenchmarkCase.Descriptor.Type.Name,
                    report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                    implementation?.ToString(),
                    size is int s ? s : 0,
                    report.ResultStatistics.Mean,
                    report.ResultStatistics.StandardDeviation,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
            }
        }

        return new MeasurementSet(all);
    }

    public bool HasSuite(string suite) => _all.Exists(m => m.Suite == suite);

    public Measurement? Find(string suite, string method, int size, string? implementation = null) =>
        _all.Find(m => m.Suite == suite && m.Method == method && m.Size == size && (implementation is null || m.Implementation == implementation));

    public IEnumerable<Measurement> Where(string suite) => _all.Where(m => m.Suite == suite);
}
