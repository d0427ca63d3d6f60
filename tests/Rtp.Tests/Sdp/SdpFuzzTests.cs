using System.Text;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Rtp.Sdp;

namespace Gateway.Rtp.Tests.Sdp;

/// <summary>
/// The seeded property test of the SDP parser: every truncation of the good offers, and thousands of random
/// mutations (bytes flipped, lines dropped, doubled, swapped and spliced) and random byte strings. None may
/// throw; every failure names a line within the input and never quotes a key; every success writes back out.
/// </summary>
public sealed class SdpFuzzTests
{
    private const int Mutations = 20_000;
    private const int RandomInputs = 5_000;

    private static readonly string[] Fragments =
    [
        "a=crypto:1 AEAD_AES_128_GCM inline:", "a=ssrc:", "a=ssrc-group:FID ", "m=video 0 RTP/SAVPF ", "c=IN IP6 ::", "a=extmap:",
        "a=rtpmap:", "|2^", "|1:4", ":", " ", "/", "\r", "\n", "=", "a=e2ee:", "a=mid:", "t=", "o=", "\u00e9", "\0", "4294967295", "-1",
    ];

    [Fact]
    public void EveryTruncation_OfAGoodOffer_FailsCleanlyOrParses()
    {
        foreach (string offer in SdpOffers.All)
        {
            for (int length = 0; length <= offer.Length; length++)
            {
                Check(offer[..length], $"truncation to {length}");
            }
        }
    }

    [Fact]
    public void RandomMutationsAndBytes_NeverThrow()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        string[] offers = [.. SdpOffers.All];
        try
        {
            for (int i = 0; i < Mutations; i++)
            {
                Check(Mutate(offers[random.Next(offers.Length)], random), "mutation");
            }

            var bytes = new byte[2048];
            for (int i = 0; i < RandomInputs; i++)
            {
                Span<byte> input = bytes.AsSpan(0, random.Next(bytes.Length));
                random.NextBytes(input);
                if ((i & 1) == 0)
                {
                    // Half start like SDP, so the parser gets past the first line.
                    Encoding.ASCII.GetBytes("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n").AsSpan(0, Math.Min(input.Length, 34)).CopyTo(input);
                }

                SdpParseResult result = SdpParser.Parse(input);
                Assert.False(result.Succeeded && input.Length == 0);
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{TestSeed.Describe(seed)}: {e}");
        }
    }

    private static void Check(string text, string what)
    {
        SdpParseResult result;
        try
        {
            result = SdpParser.Parse(text);
        }
        catch (Exception e)
        {
            Assert.Fail($"{what} threw {e.GetType().Name}: {e.Message}\n{text}");
            return;
        }

        if (!result.Succeeded)
        {
            Assert.False(string.IsNullOrEmpty(result.Error), what);
            Assert.InRange(result.Line, 0, text.Count(c => c == '\n') + 1);
            Assert.DoesNotContain(SdpOffers.GcmBase64[..12], result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(SdpOffers.CmBase64[..12], result.Error, StringComparison.Ordinal);
            return;
        }

        // What parses writes out and parses again to as many sections.
        SdpParseResult again = SdpParser.Parse(SdpWriter.Write(result.Description));
        Assert.True(again.Succeeded, $"{what}: the written form did not parse: {again.Error}");
        Assert.Equal(result.Description.Media.Count, again.Description.Media.Count);
    }

    private static string Mutate(string offer, Random random)
    {
        var lines = new List<string>(offer.Split('\n'));
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && lines.Count > 0; e++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(7))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 2:
                    (lines[at], lines[^1]) = (lines[^1], lines[at]);
                    break;
                case 3:
                    if (lines[at].Length > 0)
                    {
                        char[] chars = lines[at].ToCharArray();
                        chars[random.Next(chars.Length)] = (char)random.Next(0, 256);
                        lines[at] = new string(chars);
                    }

                    break;
                case 4:
                    lines[at] = lines[at][..random.Next(lines[at].Length + 1)];
                    break;
                case 5:
                    lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    lines.Insert(at, Fragments[random.Next(Fragments.Length)] + random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        return string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);
    }
}
