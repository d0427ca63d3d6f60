namespace Gateway.Benchmarks.Reporting;

/// <summary>One case of the SRTP and parse suites, per operation (BenchmarkDotNet already divided by OperationsPerInvoke).</summary>
/// <param name="Suite">The benchmark class name, e.g. SrtpProtectBenchmarks.</param>
/// <param name="Method">The benchmark method, e.g. Ours.</param>
/// <param name="Profile">The Profile parameter (an SrtpProfile name), when the suite has one.</param>
/// <param name="Size">The Size parameter (payload bytes), or 0.</param>
/// <param name="MeanNs">Mean time per operation in nanoseconds.</param>
/// <param name="StdDevNs">Standard deviation per operation in nanoseconds.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per operation, when the memory diagnoser measured it.</param>
internal sealed record SrtpCase(
    string Suite,
    string Method,
    string? Profile,
    int Size,
    double MeanNs,
    double StdDevNs,
    long? AllocatedBytes);
