using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native.Tests;

/// <summary>What CryptoBackend reports about this machine, and how settings resolve.</summary>
public sealed unsafe class CryptoBackendTests
{
    private static readonly AesImplementation[] Defined = Enum.GetValues<AesImplementation>();

    [Fact]
    public void NativeAvailable_IsTrueInTheTestBuild()
    {
        // The build of this project builds native/ and copies the library next to the tests.
        Assert.True(CryptoBackend.NativeAvailable, $"libgateway_native did not load: {CryptoBackend.NativeLoadError}");
        Assert.Null(CryptoBackend.NativeLoadError);
    }

    [Fact]
    public void SupportedImplementations_AreWhatTheNativeLibraryReportsThenManaged()
    {
        var expected = new List<AesImplementation>();
        for (var i = AesImplementation.Portable; i <= AesImplementation.ArmV8; i++)
        {
            if (Native.Interop.Aes.ImplementationSupported((int)i) == 1)
            {
                expected.Add(i);
            }
        }

        expected.Add(AesImplementation.Managed);

        Assert.Equal(expected, CryptoBackend.SupportedImplementations);
        Assert.Contains(AesImplementation.Portable, CryptoBackend.SupportedImplementations);
    }

    [Fact]
    public void Default_IsWhatTheEnvironmentResolvesTo_AndNeverAuto()
    {
        AesImplementation expected = CryptoBackend.ResolveSetting(Environment.GetEnvironmentVariable(CryptoBackend.EnvironmentVariable), NativeSupport.Current);

        Assert.Equal(expected, CryptoBackend.Default);
        Assert.NotEqual(AesImplementation.Auto, CryptoBackend.Default);
        Assert.Contains(CryptoBackend.Default, CryptoBackend.SupportedImplementations);
    }

    [Theory]
    [InlineData(null, AesImplementation.Auto, false)]
    [InlineData("", AesImplementation.Auto, false)]
    [InlineData("  ", AesImplementation.Auto, false)]
    [InlineData("auto", AesImplementation.Auto, false)]
    [InlineData("AUTO", AesImplementation.Auto, false)]
    [InlineData("native", AesImplementation.Auto, true)]
    [InlineData(" Native ", AesImplementation.Auto, true)]
    [InlineData("managed", AesImplementation.Managed, false)]
    [InlineData("Managed", AesImplementation.Managed, false)]
    [InlineData("portable", AesImplementation.Portable, false)]
    [InlineData("aesni", AesImplementation.AesNi, false)]
    [InlineData("AesNi", AesImplementation.AesNi, false)]
    [InlineData("vaes256", AesImplementation.Vaes256, false)]
    [InlineData("VAES512", AesImplementation.Vaes512, false)]
    [InlineData("armv8", AesImplementation.ArmV8, false)]
    public void TryParseSetting_AcceptsEveryWordInAnyCase(string? value, AesImplementation expected, bool nativeOnly)
    {
        Assert.True(CryptoBackend.TryParseSetting(value, out AesImplementation implementation, out bool isNativeOnly));
        Assert.Equal(expected, implementation);
        Assert.Equal(nativeOnly, isNativeOnly);
    }

    [Theory]
    [InlineData("aes-ni")]
    [InlineData("vaes")]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("openssl")]
    public void TryParseSetting_RejectsOtherWords(string value) =>
        Assert.False(CryptoBackend.TryParseSetting(value, out _, out _));

    [Fact]
    public void ResolveSetting_UnknownWord_ThrowsListingTheAcceptedWords()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CryptoBackend.ResolveSetting("fast", X86Support()));

        Assert.Contains("GATEWAY_CRYPTO is 'fast'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("auto|native|managed|portable|aesni|vaes256|vaes512|armv8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, AesImplementation.Vaes256)]
    [InlineData("auto", AesImplementation.Vaes256)]
    [InlineData("native", AesImplementation.Vaes256)]
    [InlineData("aesni", AesImplementation.AesNi)]
    [InlineData("portable", AesImplementation.Portable)]
    [InlineData("managed", AesImplementation.Managed)]
    public void ResolveSetting_WithTheNativeLibrary_PicksTheNamedOrBestNative(string? value, AesImplementation expected) =>
        Assert.Equal(expected, CryptoBackend.ResolveSetting(value, X86Support()));

    [Fact]
    public void ResolveSetting_ImplementationTheCpuLacks_ThrowsNamingTheSupportedOnes()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CryptoBackend.ResolveSetting("vaes512", X86Support()));

        Assert.Contains("'vaes512'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Supported here: portable, aesni, vaes256, managed.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData("managed")]
    public void ResolveSetting_NativeLibraryUnavailable_FallsBackToManaged(string? value) =>
        Assert.Equal(AesImplementation.Managed, CryptoBackend.ResolveSetting(value, NativeSupport.Unavailable("no libgateway_native.so here")));

    [Fact]
    public void ResolveSetting_NativeWithoutTheLibrary_ThrowsWithTheLoadError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CryptoBackend.ResolveSetting("native", NativeSupport.Unavailable("no libgateway_native.so here")));

        Assert.Contains("no libgateway_native.so here", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveSetting_NamedNativeWithoutTheLibrary_ThrowsWithTheLoadError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CryptoBackend.ResolveSetting("portable", NativeSupport.Unavailable("no libgateway_native.so here")));

        Assert.Contains("no libgateway_native.so here", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Supported here: managed.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AutoWithoutTheLibrary_IsManaged_AndNamedNativeThrows()
    {
        var support = NativeSupport.Unavailable("missing");

        Assert.Equal(AesImplementation.Managed, CryptoBackend.Resolve(AesImplementation.Auto, support, "preferred"));
        var ex = Assert.Throws<ArgumentException>(() => CryptoBackend.Resolve(AesImplementation.AesNi, support, "preferred"));
        Assert.Equal("preferred", ex.ParamName);
        Assert.Contains("the native library is not available (missing)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NothingRunsAtAll_ThrowsSayingSo()
    {
        var support = NativeSupport.Unavailable("missing", managedSupported: false);

        Assert.Empty(support.Supported);
        var ex = Assert.Throws<ArgumentException>(() => CryptoBackend.Resolve(AesImplementation.Auto, support, "preferred"));
        Assert.Contains("No AES-GCM implementation runs on this machine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_ImplementationThisMachineCannotRun_ThrowsArgumentExceptionNamingTheSupportedOnes()
    {
        AesImplementation missing = new[] { AesImplementation.ArmV8, AesImplementation.Vaes512, AesImplementation.Vaes256, AesImplementation.AesNi }
            .First(i => !CryptoBackend.SupportedImplementations.Contains(i));
        AesImplementation before = CryptoBackend.Default;

        var ex = Assert.Throws<ArgumentException>(() => CryptoBackend.Configure(missing));

        Assert.Equal("preferred", ex.ParamName);
        Assert.Contains($"'{CryptoBackend.Name(missing)}' is not available", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Supported here: " + string.Join(", ", CryptoBackend.SupportedImplementations.Select(CryptoBackend.Name)) + ".", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, CryptoBackend.Default);
    }

    [Fact]
    public void Configure_UndefinedValue_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CryptoBackend.Configure((AesImplementation)42));

        Assert.Equal("preferred", ex.ParamName);
    }

    [Theory]
    [InlineData(AesImplementation.Auto, "auto")]
    [InlineData(AesImplementation.Portable, "portable")]
    [InlineData(AesImplementation.AesNi, "aesni")]
    [InlineData(AesImplementation.Vaes256, "vaes256")]
    [InlineData(AesImplementation.Vaes512, "vaes512")]
    [InlineData(AesImplementation.ArmV8, "armv8")]
    [InlineData(AesImplementation.Managed, "managed")]
    public void Name_IsTheShortLowerCaseName(AesImplementation implementation, string expected) =>
        Assert.Equal(expected, CryptoBackend.Name(implementation));

    [Fact]
    public void Name_OfNativeImplementations_MatchesGwAesImplName()
    {
        for (var i = AesImplementation.Auto; i <= AesImplementation.ArmV8; i++)
        {
            Assert.Equal(Marshal.PtrToStringUTF8((nint)Native.Interop.Aes.ImplementationName((int)i)), CryptoBackend.Name(i));
        }
    }

    [Fact]
    public void Name_RoundTripsThroughTryParseSetting()
    {
        foreach (AesImplementation implementation in Defined)
        {
            Assert.True(CryptoBackend.TryParseSetting(CryptoBackend.Name(implementation), out AesImplementation parsed, out _));
            Assert.Equal(implementation, parsed);
        }
    }

    [Theory]
    [InlineData(AesImplementation.Vaes512, "native vaes512 (VAES + VPCLMULQDQ, AVX-512)")]
    [InlineData(AesImplementation.Vaes256, "native vaes256 (VAES + VPCLMULQDQ, AVX2)")]
    [InlineData(AesImplementation.AesNi, "native aesni (AES-NI + PCLMULQDQ, 128-bit)")]
    public void Describe_SaysNativeNameAndInstructions(AesImplementation implementation, string expected) =>
        Assert.Equal(expected, CryptoBackend.Describe(implementation));

    [Fact]
    public void Describe_EveryValue_StartsWithItsKindAndName()
    {
        foreach (AesImplementation implementation in Defined)
        {
            string description = CryptoBackend.Describe(implementation);
            string prefix = implementation is AesImplementation.Auto or AesImplementation.Managed ? "" : "native ";
            Assert.StartsWith(prefix + CryptoBackend.Name(implementation) + " (", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NameAndDescribe_UndefinedValue_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CryptoBackend.Name((AesImplementation)6));
        Assert.Throws<ArgumentOutOfRangeException>(() => CryptoBackend.Describe((AesImplementation)(-1)));
    }

    /// <summary>An x86-64 machine with AES-NI and VAES but no AVX-512.</summary>
    private static NativeSupport X86Support() =>
        new(available: true, null, [AesImplementation.Portable, AesImplementation.AesNi, AesImplementation.Vaes256], AesImplementation.Vaes256, managedSupported: true);
}
