namespace Gateway.Benchmarks.Reporting;

/// <summary>One benchmark case's result, per operation (BenchmarkDotNet already divided by OperationsPerInvoke).</summary>
/// <param name="Suite">The benchmark class name, e.g. AesGcmBenchmarks.</param>
/// <param name="Method">The benchmark method, e.g. Seal.</param>
/// <param name="Implementation">The Implementation parameter, when the suite has one.</param>
/// <param name="Size">The Size parameter (bytes per packet), or 0.</param>
/// <param name="MeanNs">Mean time per operation in nanoseconds.</param>
/// <param name="StdDevNs">Standard deviation per operation in nanoseconds.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per operation, when the memory diagnoser measured it.</param>
internal sealed record Measurement(
    string Suite,
    string Method,
    string? Implementation,
    int Size,
    double MeanNs,
    double StdDevNs,
    long? AllocatedBytes);
