namespace Gateway.RelayBench.Relays;

/// <summary>Builds benchmarks/relay (CMake) when the binary is missing or older than its sources.</summary>
internal static class CeilingBuild
{
    public static async Task<bool> EnsureAsync(string repoRoot, string binary, TextWriter console)
    {
        string source = Path.Combine(repoRoot, "benchmarks", "relay");
        string defaultBinary = Path.Combine(repoRoot, "artifacts", "relay-ceiling", "relay_ceiling");
        if (File.Exists(binary) && !IsStale(binary, source, Path.Combine(repoRoot, "native")))
        {
            return true;
        }

        if (!string.Equals(Path.GetFullPath(binary), defaultBinary, StringComparison.Ordinal))
        {
            await console.WriteLineAsync($"error: {binary} does not exist (or is older than benchmarks/relay): build it, or leave out --ceiling.").ConfigureAwait(false);
            return false;
        }

        string build = Path.GetDirectoryName(defaultBinary)!;
        await console.WriteLineAsync($"relay-bench: building the C relay into {build} (cmake)").ConfigureAwait(false);
        foreach (string[] step in new[]
        {
            new[] { "-S", source, "-B", build, "-DCMAKE_BUILD_TYPE=Release" },
            new[] { "--build", build, "--parallel", "2" },
        })
        {
            using ChildProcess cmake = ChildProcess.Start("cmake", step);
            await cmake.WaitForExitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            if (!cmake.HasExited || cmake.ExitCode != 0)
            {
                await console.WriteLineAsync($"error: cmake {string.Join(' ', step)} failed:{Environment.NewLine}{cmake.Tail()}").ConfigureAwait(false);
                return false;
            }
        }

        return File.Exists(defaultBinary);
    }

    private static bool IsStale(string binary, params string[] sourceDirectories)
    {
        DateTime built = File.GetLastWriteTimeUtc(binary);
        return sourceDirectories
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".h", StringComparison.Ordinal) || f.EndsWith("CMakeLists.txt", StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > built);
    }
}
