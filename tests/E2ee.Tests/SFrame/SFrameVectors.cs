using System.Text.Json;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.E2ee.Tests.SFrame;

/// <summary>The RFC 9605 Appendix C vectors from ../shared/vectors/sframe-rfc9605.json, parsed once.</summary>
internal static class SFrameVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllBytes(VectorPaths.SframeRfc9605)));

    public static IReadOnlyList<HeaderVector> Headers() =>
        [.. Section("header").Select(e => new HeaderVector(e.GetProperty("kid").GetUInt64(), e.GetProperty("ctr").GetUInt64(), Hex(e, "encoded")))];

    public static IReadOnlyList<CtrHmacVector> CtrHmac() =>
        [.. Section("aes_ctr_hmac").Select(e => new CtrHmacVector(
            e.GetProperty("cipher_suite").GetUInt16(), Hex(e, "key"), Hex(e, "enc_key"), Hex(e, "auth_key"),
            Hex(e, "nonce"), Hex(e, "aad"), Hex(e, "pt"), Hex(e, "ct")))];

    public static IReadOnlyList<FullVector> Full() =>
        [.. Section("sframe").Select(e => new FullVector(
            e.GetProperty("cipher_suite").GetUInt16(), e.GetProperty("kid").GetUInt64(), e.GetProperty("ctr").GetUInt64(),
            Hex(e, "base_key"), Hex(e, "sframe_key_label"), Hex(e, "sframe_salt_label"), Hex(e, "sframe_secret"),
            Hex(e, "sframe_key"), Hex(e, "sframe_salt"), Hex(e, "metadata"), Hex(e, "nonce"), Hex(e, "aad"),
            Hex(e, "pt"), Hex(e, "ct")))];

    /// <summary>xunit data: the index of each full vector (one test case per cipher suite).</summary>
    public static TheoryData<int> FullIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Full().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static JsonElement.ArrayEnumerator Section(string name) =>
        Document.Value.RootElement.GetProperty(name).EnumerateArray();

    private static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);

    internal sealed record HeaderVector(ulong KeyId, ulong Counter, byte[] Encoded);

    internal sealed record CtrHmacVector(ushort Suite, byte[] Key, byte[] EncKey, byte[] AuthKey, byte[] Nonce, byte[] Aad, byte[] Plaintext, byte[] Ciphertext);

    internal sealed record FullVector(
        ushort Suite, ulong KeyId, ulong Counter, byte[] BaseKey, byte[] KeyLabel, byte[] SaltLabel, byte[] Secret,
        byte[] Key, byte[] Salt, byte[] Metadata, byte[] Nonce, byte[] Aad, byte[] Plaintext, byte[] Ciphertext);
}
