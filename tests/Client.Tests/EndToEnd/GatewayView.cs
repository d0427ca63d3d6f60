using System.Text;

namespace Gateway.Client.Tests.EndToEnd;

/// <summary>
/// Everything a gateway could see, gathered for a search: raw bytes (request bodies, files) and text (logs, JSON).
/// A key is found raw, or written out as base64 (standard or URL-safe) or hex, or as its first 16 bytes in any of those.
/// </summary>
internal sealed class GatewayView
{
    private readonly List<(string Where, byte[] Bytes)> _items = [];

    public int Count => _items.Count;

    public void Add(string where, byte[] bytes) => _items.Add((where, bytes));

    public void Add(string where, string text) => _items.Add((where, Encoding.UTF8.GetBytes(text)));

    /// <summary>Where <paramref name="key"/> (or a telltale part of it) appears, or null.</summary>
    public string? Find(byte[] key)
    {
        List<byte[]> needles = [];
        foreach (byte[] part in new[] { key, key[..Math.Min(16, key.Length)] })
        {
            needles.Add(part);
            string base64 = Convert.ToBase64String(part);

            // Base64 of a part is only reliable up to its last full 3-byte group.
            string stable = base64[..(part.Length / 3 * 4)];
            needles.Add(Encoding.ASCII.GetBytes(stable));
            needles.Add(Encoding.ASCII.GetBytes(stable.Replace('+', '-').Replace('/', '_')));
            needles.Add(Encoding.ASCII.GetBytes(Convert.ToHexString(part)));
            needles.Add(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(part)));
        }

        foreach ((string where, byte[] bytes) in _items)
        {
            foreach (byte[] needle in needles)
            {
                if (bytes.AsSpan().IndexOf(needle) >= 0)
                {
                    return where;
                }
            }
        }

        return null;
    }
}
