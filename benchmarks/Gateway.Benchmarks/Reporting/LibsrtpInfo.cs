using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Benchmarks.Reporting;

/// <summary>What the SRTP report says about the libsrtp2 peer: read at report time from the library, dpkg and the process's mappings.</summary>
internal static class LibsrtpInfo
{
    public static string Describe()
    {
        if (!Interop.Libsrtp.TryLoad(out string? error))
        {
            return $"not loadable ({error})";
        }

        return $"{Interop.Libsrtp.VersionString()} ({Interop.Libsrtp.LibraryName}), Debian package {DebianVersion("libsrtp2-1")}, crypto backend: {Backend()}";
    }

    /// <summary>The installed version of a Debian package, from dpkg's status file.</summary>
    private static string DebianVersion(string package)
    {
        try
        {
            bool inPackage = false;
            foreach (string line in File.ReadLines("/var/lib/dpkg/status"))
            {
                if (line.StartsWith("Package: ", StringComparison.Ordinal))
                {
                    inPackage = line.AsSpan(9).Trim().SequenceEqual(package);
                }
                else if (inPackage && line.StartsWith("Version: ", StringComparison.Ordinal))
                {
                    return $"{package} {line[9..].Trim()}";
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return $"{package} (version unknown)";
    }

    /// <summary>Debian builds libsrtp2 against NSS: its AES and HMAC run in libnss3, mapped once libsrtp is loaded.</summary>
    private static string Backend()
    {
        try
        {
            return File.ReadLines("/proc/self/maps").Any(l => l.Contains("libnss3", StringComparison.Ordinal))
                ? "NSS (libnss3 is mapped into the process with it)"
                : "built-in or OpenSSL (no libnss3 mapped)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
