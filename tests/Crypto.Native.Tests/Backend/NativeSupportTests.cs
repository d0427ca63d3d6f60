namespace Gateway.Crypto.Native.Tests.Backend;

/// <summary>NativeSupport: the probe of this process and the instances tests build.</summary>
public sealed class NativeSupportTests
{
    [Fact]
    public void Current_ReportsTheBestNativeImplementationOfTheLibrary()
    {
        var support = NativeSupport.Current;

        Assert.True(support.Available, support.LoadError);
        Assert.Equal((AesImplementation)Native.Interop.Aes.BestImplementation(), support.BestNative);
        Assert.True(support.IsSupported(AesImplementation.Portable));
        Assert.False(support.IsSupported(AesImplementation.Auto));
    }

    [Fact]
    public void Unavailable_OffersManagedOnly_AndKeepsTheReason()
    {
        var support = NativeSupport.Unavailable("libgateway_native.so was not found");

        Assert.False(support.Available);
        Assert.Equal("libgateway_native.so was not found", support.LoadError);
        Assert.Null(support.BestNative);
        Assert.Equal([AesImplementation.Managed], support.Supported);
    }

    [Fact]
    public void Constructor_OrdersAndFiltersTheNativeList()
    {
        var support = new NativeSupport(available: true, "ignored", [AesImplementation.Vaes256, AesImplementation.Auto, AesImplementation.Portable, AesImplementation.Managed, AesImplementation.Portable],
            AesImplementation.Vaes512, managedSupported: true);

        Assert.Null(support.LoadError);
        Assert.Equal([AesImplementation.Portable, AesImplementation.Vaes256, AesImplementation.Managed], support.Supported);

        // A best implementation outside the list (it cannot happen with the real library) is not trusted.
        Assert.Equal(AesImplementation.Vaes256, support.BestNative);
    }

    [Fact]
    public void FromLibrary_OtherAbiVersion_IsUnavailableAndCallsNothingElse()
    {
        bool called = false;

        var support = NativeSupport.FromLibrary("/opt/old/libgateway_native.so", () => 2, _ => { called = true; return 1; }, () => { called = true; return 1; }, managedSupported: true);

        Assert.False(support.Available);
        Assert.False(called);
        Assert.Equal("/opt/old/libgateway_native.so has ABI version 2 but this assembly needs 1: rebuild native/ from this source tree", support.LoadError);
        Assert.Equal([AesImplementation.Managed], support.Supported);
        Assert.Equal(AesImplementation.Managed, CryptoBackend.Resolve(AesImplementation.Auto, support, "preferred"));
    }

    [Fact]
    public void FromLibrary_OurAbiVersion_AsksForEveryImplementation()
    {
        var asked = new List<int>();

        var support = NativeSupport.FromLibrary("lib", () => 1, i => { asked.Add(i); return i is 1 or 2 ? 1 : 0; }, () => 2, managedSupported: true);

        Assert.True(support.Available);
        Assert.Equal([1, 2, 3, 4, 5], asked);
        Assert.Equal([AesImplementation.Portable, AesImplementation.AesNi, AesImplementation.Managed], support.Supported);
        Assert.Equal(AesImplementation.AesNi, support.BestNative);
    }
}
