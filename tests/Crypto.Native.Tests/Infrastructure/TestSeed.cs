namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>
/// The seed of the randomised tests: GATEWAY_TEST_SEED when set (to replay a failure), else a new one
/// per run. Every failure message of a randomised test quotes it.
/// </summary>
public static class TestSeed
{
    public const string Variable = "GATEWAY_TEST_SEED";

    public static int Next() =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), out int seed) ? seed : System.Random.Shared.Next();

    public static string Describe(int seed) => $"seed {seed} (replay with {Variable}={seed})";
}
