namespace Gateway.E2ee.Tests.Keys;

/// <summary>Asserts that text shows no key bytes in any common spelling.</summary>
internal static class KeyText
{
    public static void AssertAbsent(string text, params byte[][] keys)
    {
        foreach (byte[] key in keys)
        {
            foreach (string spelling in new[] { Convert.ToHexStringLower(key), Convert.ToHexString(key), Convert.ToBase64String(key), Convert.ToHexStringLower(key)[..16], Convert.ToBase64String(key)[..12] })
            {
                Assert.DoesNotContain(spelling, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(string.Join(", ", key), text, StringComparison.Ordinal);
            Assert.DoesNotContain(string.Join("-", key.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))), text, StringComparison.Ordinal);
        }
    }
}
