namespace Gateway.Rtp.Tests.Packets;

/// <summary>
/// The seed of the randomised RTP and RTCP parser tests: GATEWAY_TEST_SEED when set (to replay or widen a run),
/// else the fixed seed the test names, so CI runs are reproducible. Failure messages quote it.
/// </summary>
internal static class ParserFuzzSeed
{
    public const string Variable = "GATEWAY_TEST_SEED";

    public static int Get(int fixedSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), out int seed) ? seed : fixedSeed;

    public static string Describe(int seed) => $"seed {seed} (replay with {Variable}={seed})";
}
