using System.Diagnostics.CodeAnalysis;
using Gateway.Crypto.Native;

namespace Gateway.Hosting;

/// <summary>
/// Applies Crypto:Implementation to Crypto.Native (CryptoBackend.Configure) and reports what the
/// node will run. Every way this can fail is a value with a message an operator can act on.
/// </summary>
internal static class CryptoSetup
{
    public static bool TryApply(string? setting, [NotNullWhen(true)] out CryptoChoice? choice, [NotNullWhen(false)] out string? error)
    {
        choice = null;
        setting = string.IsNullOrWhiteSpace(setting) ? CryptoSettingNames.Auto : setting.Trim();

        var key = SettingName(setting);
        var nativeOnly = CryptoSettingNames.IsNative(setting);
        AesImplementation preferred;
        if (nativeOnly)
        {
            if (!CryptoBackend.NativeAvailable)
            {
                error = $"{key} is '{setting}' but the native library did not load ({CryptoBackend.NativeLoadError}). "
                    + $"Build it (bash scripts/setup.sh run && dotnet build -c Release) or choose '{CryptoSettingNames.Auto}' or 'managed'.";
                return false;
            }

            preferred = AesImplementation.Auto;
        }
        else if (!CryptoSettingNames.TryParse(setting, out preferred))
        {
            error = $"{key} is '{setting}': expected one of {CryptoSettingNames.Joined}.";
            return false;
        }

        try
        {
            CryptoBackend.Configure(preferred);
        }
        catch (ArgumentException ex)
        {
            error = $"{key} is '{setting}', which this machine cannot run: {WithoutParameterName(ex)}";
            return false;
        }

        var effective = CryptoBackend.Default;
        if (nativeOnly && effective == AesImplementation.Managed)
        {
            error = $"{key} is '{setting}' but no native implementation runs on this machine.";
            return false;
        }

        if (preferred != AesImplementation.Auto && effective != preferred)
        {
            // Crypto.Native keeps the first choice made in a process; a different answer means another
            // host in this process chose first. Running anything but what was configured would make the
            // log and the metrics lie.
            error = $"{key} is '{setting}' but this process already runs {CryptoBackend.Name(effective)}: Crypto.Native keeps its first choice.";
            return false;
        }

        choice = new CryptoChoice
        {
            Setting = setting,
            Implementation = effective,
            Name = CryptoBackend.Name(effective),
            Description = CryptoBackend.Describe(effective),
            Supported = CryptoBackend.SupportedImplementations,
            NativeLoadError = CryptoBackend.NativeAvailable ? null : CryptoBackend.NativeLoadError,
        };
        error = null;
        return true;
    }

    // The setting may come from GATEWAY_CRYPTO (mapped to Crypto:Implementation): name what the operator set.
    private static string SettingName(string setting) =>
        string.Equals(Environment.GetEnvironmentVariable(GatewayConfiguration.CryptoEnvironmentVariable)?.Trim(), setting, StringComparison.OrdinalIgnoreCase)
            ? $"{GatewayConfiguration.CryptoEnvironmentVariable} ({ConfigKeys.CryptoImplementation})"
            : ConfigKeys.CryptoImplementation;

    // ArgumentException.Message ends with " (Parameter 'preferred')": an operator needs the sentence only.
    private static string WithoutParameterName(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = exception.ParamName is null ? null : $" (Parameter '{exception.ParamName}')";
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
