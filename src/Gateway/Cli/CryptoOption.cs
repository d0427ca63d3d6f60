using System.CommandLine;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>--crypto, shared by <c>run</c> and <c>info</c>.</summary>
internal static class CryptoOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--crypto")
        {
            Description = "AES-GCM implementation: auto (fastest this CPU runs), native (fastest native, never the managed fallback), "
                + "managed (System.Security.Cryptography), or one of portable, aesni, vaes256, vaes512, armv8. "
                + "Config key Crypto:Implementation; environment GATEWAY_CRYPTO. [default: auto]",
            HelpName = "impl",
        };
        option.AcceptOnlyFromAmong([.. CryptoSettingNames.All]);
        return option;
    }
}
