namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>Theory data: every implementation this machine runs, so each test runs on each of them.</summary>
public static class Implementations
{
    /// <summary>Every native implementation this CPU runs, and Managed.</summary>
    public static TheoryData<AesImplementation> All => [.. CryptoBackend.SupportedImplementations];

    /// <summary>The native implementations only.</summary>
    public static TheoryData<AesImplementation> Native =>
        [.. CryptoBackend.SupportedImplementations.Where(i => i != AesImplementation.Managed)];
}
