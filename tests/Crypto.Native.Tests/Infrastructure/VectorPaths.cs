namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>
/// Where the vector files are: the published ones (RFC 3711, RFC 7714) in ../shared/vectors next to the
/// repository (or GATEWAY_VECTORS_DIR), ours (NIST GCM) in tests/vectors. A missing file fails the test
/// that needs it with a message saying where it was looked for; nothing is embedded as a fallback.
/// </summary>
public static class VectorPaths
{
    public const string SharedDirectoryVariable = "GATEWAY_VECTORS_DIR";

    public static string Rfc7714 => Shared("rfc7714.txt");

    public static string Rfc3711 => Shared("rfc3711.txt");

    public static string SframeRfc9605 => Shared("sframe-rfc9605.json");

    public static string NistGcm => Existing(Path.Combine(RepositoryRoot(), "tests", "vectors", "nist-gcm.txt"),
        "the NIST SP 800-38D GCM vectors belong in tests/vectors/nist-gcm.txt");

    /// <summary>The folder holding Gateway.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Gateway.sln in {AppContext.BaseDirectory} or any folder above it: cannot find the test vectors.");
    }

    private static string Shared(string name)
    {
        string? overridden = Environment.GetEnvironmentVariable(SharedDirectoryVariable);
        return string.IsNullOrWhiteSpace(overridden)
            ? Existing(Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "vectors", name)),
                $"the published vectors live in ../shared/vectors next to the repository; set {SharedDirectoryVariable} to use another folder")
            : Existing(Path.Combine(overridden, name), $"{SharedDirectoryVariable} is '{overridden}'");
    }

    private static string Existing(string path, string hint) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Test vector file {path} is missing ({hint}).", path);
}
