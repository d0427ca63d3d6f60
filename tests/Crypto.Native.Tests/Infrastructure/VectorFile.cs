namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>
/// Reads the vector files (shared/vectors/rfc7714.txt, rfc3711.txt, tests/vectors/nist-gcm.txt):
/// a block starts with a line "[title]"; each following line is "label: value" (hex octets, or
/// decimal where the label says so); an empty value is an empty octet string; '#' starts a comment line.
/// </summary>
public static class VectorFile
{
    public static IReadOnlyList<VectorBlock> Read(string path)
    {
        var blocks = new List<VectorBlock>();
        string? title = null;
        int titleLine = 0;
        Dictionary<string, string>? values = null;
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                Flush();
                title = line[1..^1].Trim();
                titleLine = lineNumber;
                values = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || values is null)
            {
                throw new FormatException($"{path}:{lineNumber}: expected \"[title]\" or \"label: value\", found \"{line}\".");
            }

            string label = line[..colon].Trim();
            if (!values.TryAdd(label, line[(colon + 1)..].Trim()))
            {
                throw new FormatException($"{path}:{lineNumber}: '{label}' appears twice in [{title}].");
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (title is not null && values is not null)
            {
                blocks.Add(new VectorBlock(path, titleLine, title, values));
            }
        }
    }
}
