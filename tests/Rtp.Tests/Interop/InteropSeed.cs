namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// The seed of the randomised interop tests: GATEWAY_TEST_SEED when set (to replay a failure), else a
/// new one per run. Every failure message quotes it.
/// </summary>
internal static class InteropSeed
{
    public const string Variable = "GATEWAY_TEST_SEED";

    public static int Next() =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), out int seed) ? seed : Random.Shared.Next();

    public static string Describe(int seed) => $"seed {seed} (replay with {Variable}={seed})";
}
