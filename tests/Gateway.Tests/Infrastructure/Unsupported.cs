using Gateway.Crypto.Native;

namespace Gateway.Tests.Infrastructure;

/// <summary>Implementations this machine cannot run (an ARM64 one on x86-64 and the other way round).</summary>
public static class Unsupported
{
    private static readonly AesImplementation[] Native =
        [AesImplementation.ArmV8, AesImplementation.Vaes512, AesImplementation.Vaes256, AesImplementation.AesNi];

    /// <summary>The name of a native implementation this CPU cannot run; there is always one (no CPU has both x86 and ARM extensions).</summary>
    public static string NativeImplementationName()
    {
        var supported = CryptoBackend.SupportedImplementations;
        return CryptoBackend.Name(Native.First(implementation => !supported.Contains(implementation)));
    }
}
