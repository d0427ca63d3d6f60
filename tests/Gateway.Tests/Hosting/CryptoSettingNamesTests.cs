using Gateway.Crypto.Native;
using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

public sealed class CryptoSettingNamesTests
{
    [Theory]
    [InlineData("auto", AesImplementation.Auto)]
    [InlineData("managed", AesImplementation.Managed)]
    [InlineData("portable", AesImplementation.Portable)]
    [InlineData("aesni", AesImplementation.AesNi)]
    [InlineData("vaes256", AesImplementation.Vaes256)]
    [InlineData("VAES512", AesImplementation.Vaes512)]
    [InlineData(" armv8 ", AesImplementation.ArmV8)]
    public void TryParse_MapsEachWord_IgnoringCaseAndSpace(string word, AesImplementation expected)
    {
        Assert.True(CryptoSettingNames.TryParse(word, out var implementation));
        Assert.Equal(expected, implementation);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("aes-ni")]
    [InlineData("")]
    [InlineData("100")]
    public void TryParse_RejectsOtherWords(string word)
    {
        Assert.False(CryptoSettingNames.TryParse(word, out _));
    }

    [Fact]
    public void Words_MatchCryptoNativeNames()
    {
        foreach (var word in CryptoSettingNames.All.Where(w => w is not CryptoSettingNames.Auto and not CryptoSettingNames.Native))
        {
            Assert.True(CryptoSettingNames.TryParse(word, out var implementation));
            Assert.Equal(word, CryptoBackend.Name(implementation));
        }
    }
}
