namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>One "[title]" block of a vector file: its "label: value" lines in file order.</summary>
public sealed class VectorBlock(string file, int line, string title, IReadOnlyDictionary<string, string> values)
{
    public string File { get; } = file;

    /// <summary>The line of the "[title]" header (1-based), for messages.</summary>
    public int Line { get; } = line;

    public string Title { get; } = title;

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public bool Has(string label) => Values.ContainsKey(label);

    /// <summary>The hex value of <paramref name="label"/> as bytes (an empty value is zero bytes).</summary>
    public byte[] Bytes(string label) =>
        Values.TryGetValue(label, out string? hex)
            ? Convert.FromHexString(hex)
            : throw new InvalidOperationException($"{this}: no '{label}' line.");

    public byte[]? BytesOrNull(string label) => Has(label) ? Bytes(label) : null;

    public override string ToString() => $"{Path.GetFileName(File)}:{Line} [{Title}]";
}
