using System.Diagnostics;
using System.Runtime.InteropServices;
using Gateway.Rtp.Tests.Interop.Libsrtp;
using LibsrtpNative = Gateway.Rtp.Tests.Interop.Libsrtp.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// The hand-written mirrors of libsrtp2's structs match the C layout. The numbers were measured with
/// gcc on x86-64 against libsrtp2-dev 2.5.0 by <see cref="LayoutProgram"/>; the last test measures
/// again whenever gcc and the header are on the machine, so a libsrtp update that moves a field fails
/// here and not as memory corruption in the interop tests.
/// </summary>
public sealed class LibsrtpLayoutTests
{
    /// <summary>sizeof/offsetof from the C compiler; it prints "name value" lines.</summary>
    private const string LayoutProgram = """
        #include <stdio.h>
        #include <stddef.h>
        #include <srtp2/srtp.h>
        #define P(name, value) printf("%s %zu\n", name, (size_t)(value))
        int main(void) {
            P("sizeof(srtp_ssrc_t)", sizeof(srtp_ssrc_t));
            P("sizeof(srtp_crypto_policy_t)", sizeof(srtp_crypto_policy_t));
            P("crypto.cipher_type", offsetof(srtp_crypto_policy_t, cipher_type));
            P("crypto.cipher_key_len", offsetof(srtp_crypto_policy_t, cipher_key_len));
            P("crypto.auth_type", offsetof(srtp_crypto_policy_t, auth_type));
            P("crypto.auth_key_len", offsetof(srtp_crypto_policy_t, auth_key_len));
            P("crypto.auth_tag_len", offsetof(srtp_crypto_policy_t, auth_tag_len));
            P("crypto.sec_serv", offsetof(srtp_crypto_policy_t, sec_serv));
            P("sizeof(srtp_policy_t)", sizeof(srtp_policy_t));
            P("policy.ssrc", offsetof(srtp_policy_t, ssrc));
            P("policy.rtp", offsetof(srtp_policy_t, rtp));
            P("policy.rtcp", offsetof(srtp_policy_t, rtcp));
            P("policy.key", offsetof(srtp_policy_t, key));
            P("policy.keys", offsetof(srtp_policy_t, keys));
            P("policy.num_master_keys", offsetof(srtp_policy_t, num_master_keys));
            P("policy.deprecated_ekt", offsetof(srtp_policy_t, deprecated_ekt));
            P("policy.window_size", offsetof(srtp_policy_t, window_size));
            P("policy.allow_repeat_tx", offsetof(srtp_policy_t, allow_repeat_tx));
            P("policy.enc_xtn_hdr", offsetof(srtp_policy_t, enc_xtn_hdr));
            P("policy.enc_xtn_hdr_count", offsetof(srtp_policy_t, enc_xtn_hdr_count));
            P("policy.next", offsetof(srtp_policy_t, next));
            P("SRTP_MAX_TRAILER_LEN", SRTP_MAX_TRAILER_LEN);
            return 0;
        }
        """;

    private const string Header = "/usr/include/srtp2/srtp.h";

    [Fact]
    public void Mirrors_HaveTheSizesAndOffsetsMeasuredFromTheHeader()
    {
        Dictionary<string, int> measured = Expected();
        Dictionary<string, int> mirrored = Mirrored();
        foreach ((string name, int value) in measured)
        {
            Assert.True(mirrored.TryGetValue(name, out int actual), $"no mirror for {name}");
            Assert.True(value == actual, $"{name}: C says {value}, the mirror {actual}");
        }
    }

    [Fact]
    public unsafe void CryptoPolicySetters_FillWhatEachProfileNeeds()
    {
        Assert.True(LibsrtpNative.TryLoad(out string? error), error);

        // cipher ids: SRTP_AES_ICM_128 = 1, SRTP_AES_GCM_128 = 6, SRTP_AES_GCM_256 = 7;
        // auth ids: SRTP_NULL_AUTH = 0, SRTP_HMAC_SHA1 = 3 (crypto_types.h). Key lengths are key || salt.
        AssertPolicy(LibsrtpProfile.AesCm128HmacSha1_80, forRtcp: false, cipher: 1, keyLength: 30, auth: 3, authKeyLength: 20, tagLength: 10);
        AssertPolicy(LibsrtpProfile.AesCm128HmacSha1_80, forRtcp: true, cipher: 1, keyLength: 30, auth: 3, authKeyLength: 20, tagLength: 10);
        AssertPolicy(LibsrtpProfile.AesCm128HmacSha1_32, forRtcp: false, cipher: 1, keyLength: 30, auth: 3, authKeyLength: 20, tagLength: 4);
        AssertPolicy(LibsrtpProfile.AesCm128HmacSha1_32, forRtcp: true, cipher: 1, keyLength: 30, auth: 3, authKeyLength: 20, tagLength: 10);
        AssertPolicy(LibsrtpProfile.AesGcm128, forRtcp: false, cipher: 6, keyLength: 28, auth: 0, authKeyLength: 0, tagLength: 16);
        AssertPolicy(LibsrtpProfile.AesGcm128, forRtcp: true, cipher: 6, keyLength: 28, auth: 0, authKeyLength: 0, tagLength: 16);
        AssertPolicy(LibsrtpProfile.AesGcm256, forRtcp: false, cipher: 7, keyLength: 44, auth: 0, authKeyLength: 0, tagLength: 16);
        AssertPolicy(LibsrtpProfile.AesGcm256, forRtcp: true, cipher: 7, keyLength: 44, auth: 0, authKeyLength: 0, tagLength: 16);
    }

    [Fact]
    public void Library_LoadsAndIsVersion2()
    {
        Assert.True(LibsrtpNative.TryLoad(out string? error), error);
        string version = LibsrtpNative.VersionString();
        Assert.StartsWith("libsrtp2 2.", version, StringComparison.Ordinal);
    }

    /// <summary>
    /// Compiles <see cref="LayoutProgram"/> against the installed header and compares. Needs gcc and
    /// libsrtp2-dev; without them it is reported as skipped (the numbers above still hold for 2.5).
    /// </summary>
    [Fact]
    public void Mirrors_MatchTheInstalledHeader_WhenACompilerIsAvailable()
    {
        string? gcc = FindOnPath("gcc");
        if (gcc is null || !File.Exists(Header))
        {
            Assert.Skip($"needs gcc and {Header} (Debian: libsrtp2-dev) to measure the C layout again");
        }

        string directory = Directory.CreateTempSubdirectory("gateway-libsrtp-layout-").FullName;
        try
        {
            string source = Path.Combine(directory, "layout.c");
            string program = Path.Combine(directory, "layout");
            File.WriteAllText(source, LayoutProgram);
            (int compiled, string compilerOutput) = Run(gcc, ["-std=c11", "-o", program, source]);
            Assert.True(compiled == 0, $"gcc failed: {compilerOutput}");
            (int exit, string output) = Run(program, []);
            Assert.Equal(0, exit);

            var fromHeader = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(' ');
                fromHeader[parts[0]] = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            Dictionary<string, int> expected = Expected();
            Dictionary<string, int> mirrored = Mirrored();
            Assert.Equal(expected.Count, fromHeader.Count);
            foreach ((string name, int value) in fromHeader)
            {
                Assert.True(expected[name] == value, $"{name}: the installed header says {value}, the recorded number {expected[name]}");
                Assert.True(mirrored[name] == value, $"{name}: the installed header says {value}, the mirror {mirrored[name]}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The numbers measured with gcc 12, x86-64, libsrtp2-dev 2.5.0-3.</summary>
    private static Dictionary<string, int> Expected() => new(StringComparer.Ordinal)
    {
        ["sizeof(srtp_ssrc_t)"] = 8,
        ["sizeof(srtp_crypto_policy_t)"] = 24,
        ["crypto.cipher_type"] = 0,
        ["crypto.cipher_key_len"] = 4,
        ["crypto.auth_type"] = 8,
        ["crypto.auth_key_len"] = 12,
        ["crypto.auth_tag_len"] = 16,
        ["crypto.sec_serv"] = 20,
        ["sizeof(srtp_policy_t)"] = 128,
        ["policy.ssrc"] = 0,
        ["policy.rtp"] = 8,
        ["policy.rtcp"] = 32,
        ["policy.key"] = 56,
        ["policy.keys"] = 64,
        ["policy.num_master_keys"] = 72,
        ["policy.deprecated_ekt"] = 80,
        ["policy.window_size"] = 88,
        ["policy.allow_repeat_tx"] = 96,
        ["policy.enc_xtn_hdr"] = 104,
        ["policy.enc_xtn_hdr_count"] = 112,
        ["policy.next"] = 120,
        ["SRTP_MAX_TRAILER_LEN"] = 144,
    };

    private static unsafe Dictionary<string, int> Mirrored() => new(StringComparer.Ordinal)
    {
        ["sizeof(srtp_ssrc_t)"] = sizeof(LibsrtpSsrc),
        ["sizeof(srtp_crypto_policy_t)"] = sizeof(LibsrtpCryptoPolicy),
        ["crypto.cipher_type"] = Offset<LibsrtpCryptoPolicy>(nameof(LibsrtpCryptoPolicy.CipherType)),
        ["crypto.cipher_key_len"] = Offset<LibsrtpCryptoPolicy>(nameof(LibsrtpCryptoPolicy.CipherKeyLength)),
        ["crypto.auth_type"] = Offset<LibsrtpCryptoPolicy>(nameof(LibsrtpCryptoPolicy.AuthType)),
        ["crypto.auth_key_len"] = Offset<LibsrtpCryptoPolicy>(nameof(LibsrtpCryptoPolicy.AuthKeyLength)),
        ["crypto.auth_tag_len"] = Offset<LibsrtpCryptoPolicy>(nameof(LibsrtpCryptoPolicy.AuthTagLength)),
        ["crypto.sec_serv"] = Offset<LibsrtpCryptoPolicy>(nameof(LibsrtpCryptoPolicy.SecurityServices)),
        ["sizeof(srtp_policy_t)"] = sizeof(LibsrtpPolicy),
        ["policy.ssrc"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.Ssrc)),
        ["policy.rtp"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.Rtp)),
        ["policy.rtcp"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.Rtcp)),
        ["policy.key"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.Key)),
        ["policy.keys"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.Keys)),
        ["policy.num_master_keys"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.NumMasterKeys)),
        ["policy.deprecated_ekt"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.DeprecatedEkt)),
        ["policy.window_size"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.WindowSize)),
        ["policy.allow_repeat_tx"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.AllowRepeatTx)),
        ["policy.enc_xtn_hdr"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.EncryptedExtensionHeaderIds)),
        ["policy.enc_xtn_hdr_count"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.EncryptedExtensionHeaderCount)),
        ["policy.next"] = Offset<LibsrtpPolicy>(nameof(LibsrtpPolicy.Next)),
        ["SRTP_MAX_TRAILER_LEN"] = LibsrtpNative.MaxTrailerLength,
    };

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    private static unsafe void AssertPolicy(LibsrtpProfile profile, bool forRtcp, uint cipher, int keyLength, uint auth, int authKeyLength, int tagLength)
    {
        LibsrtpCryptoPolicy policy = default;
        LibsrtpNative.SetCryptoPolicy(profile, forRtcp, &policy);
        string what = $"{profile} {(forRtcp ? "SRTCP" : "SRTP")}";
        Assert.True(policy.CipherType == cipher, $"{what}: cipher {policy.CipherType}");
        Assert.True(policy.CipherKeyLength == keyLength, $"{what}: key length {policy.CipherKeyLength}");
        Assert.True(policy.AuthType == auth, $"{what}: auth {policy.AuthType}");
        Assert.True(policy.AuthKeyLength == authKeyLength, $"{what}: auth key length {policy.AuthKeyLength}");
        Assert.True(policy.AuthTagLength == tagLength, $"{what}: tag length {policy.AuthTagLength}");
        Assert.Equal(LibsrtpSecurityServices.ConfidentialityAndAuthentication, policy.SecurityServices);
        Assert.Equal(keyLength, LibsrtpSession.MasterKeyLength(profile) + LibsrtpSession.MasterSaltLength(profile));
    }

    private static string? FindOnPath(string name)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
