namespace Gateway.Crypto.Native.Tests.Interop;

/// <summary>Where the native library is loaded from.</summary>
public sealed class NativeLibraryResolverTests
{
    [Fact]
    public void TryLoad_FindsTheLibraryTheBuildCopiedUnderRuntimes()
    {
        Assert.True(NativeLibraryResolver.TryLoad(out nint handle, out string? error), error);
        Assert.NotEqual(0, handle);

        string rid = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        Assert.EndsWith(Path.Combine("runtimes", rid, "native", "libgateway_native.so"), NativeLibraryResolver.LoadedPath, StringComparison.Ordinal);
    }

    [Fact]
    public void AbiVersion_OfTheLoadedLibrary_IsTheOneThisAssemblyNeeds() =>
        Assert.Equal(Native.Interop.Libraries.AbiVersion, Native.Interop.Aes.AbiVersion());
}
