using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Gateway.Benchmarks.Infrastructure;

/// <summary>
/// The one job every suite runs with. The machine is a 2-core VM shared with builds and tests, so
/// the job is short (3 warm-up and 12 measured iterations, one launch) and BenchmarkDotNet chooses
/// the invocation count; the GC is workstation and non-concurrent so allocation counts are exact.
/// </summary>
internal static class BenchConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 12;

    public static string JobDescription(bool quick) => quick
        ? "dry smoke run (in-process, 1 invocation per case, no warm-up): the numbers mean nothing"
        : $"launch 1, warm-up {WarmupCount}, {IterationCount} measured iterations, invocation count chosen by BenchmarkDotNet, workstation non-concurrent GC, out-of-process";

    public static IConfig Create(bool quick, string artifactsPath)
    {
        Job job = quick
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("quick")
            : Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(WarmupCount)
                .WithIterationCount(IterationCount)
                .WithGcServer(false)
                .WithGcConcurrent(false)
                .WithId("gateway");

        return ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddJob(job.WithStrategy(quick ? RunStrategy.ColdStart : RunStrategy.Throughput))
            .WithArtifactsPath(artifactsPath);
    }
}
