using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Tests.Messages;

/// <summary>Random bytes, truncations and bit flips go through the parsers as reasons, never exceptions.</summary>
public sealed class KeyMessageFuzzTests
{
    [Fact]
    public void RandomBytes_NeverThrow_AndAlwaysGiveAReason()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        for (int i = 0; i < 50_000; i++)
        {
            byte[] bytes = Bytes.Random(random, random.Next(0, 400));
            if (i % 2 == 0 && bytes.Length >= 2)
            {
                // Half get a valid header, so the field parsers are reached.
                bytes[0] = 1;
                bytes[1] = (byte)random.Next(1, 4);
            }

            MessageParseError error;
            try
            {
                error = SampleMessages.ParseAny(bytes);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{Convert.ToHexString(bytes)} threw {e} ({TestSeed.Describe(seed)})");
            }

            Assert.True(error != MessageParseError.None, $"{Convert.ToHexString(bytes)} parsed ({TestSeed.Describe(seed)})");
            Assert.True(Enum.IsDefined(error));
        }
    }

    [Fact]
    public void EveryTruncation_OfEveryMessage_IsEmptyOrTruncated()
    {
        using var samples = new SampleMessages();
        foreach (byte[] message in samples.All)
        {
            for (int length = 0; length < message.Length; length++)
            {
                MessageParseError error = SampleMessages.ParseAny(message.AsSpan(0, length));
                Assert.True(error is MessageParseError.Empty or MessageParseError.Truncated, $"type {message[1]} cut to {length}: {error}");
            }

            Assert.Equal(MessageParseError.None, SampleMessages.ParseAny(message));
        }
    }

    [Fact]
    public void EveryBitFlip_IsAParseErrorOrABadSignature()
    {
        using var samples = new SampleMessages();
        byte[] key = samples.Identity.PublicKey.ToArray();
        foreach (byte[] message in samples.All)
        {
            for (int bit = 0; bit < message.Length * 8; bit++)
            {
                byte[] flipped = (byte[])message.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                bool verifies = message[1] switch
                {
                    1 => Announcement.TryParse(flipped, out Announcement? a, out _) && a!.VerifySignature() && a.IdentityKey.AsSpan().SequenceEqual(key),
                    2 => KeyEnvelope.TryParse(flipped, out KeyEnvelope? e, out _) && e!.VerifySignature(key),
                    _ => EpochCommitment.TryParse(flipped, out EpochCommitment? c, out _) && c!.VerifySignature(key),
                };
                Assert.False(verifies, $"type {message[1]} with bit {bit} flipped still verifies");
            }
        }
    }

    [Fact]
    public void RandomMutations_OfValidMessages_NeverThrow()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        using var samples = new SampleMessages();
        byte[][] messages = [.. samples.All];
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = (byte[])messages[i % messages.Length].Clone();
            int edits = random.Next(1, 5);
            for (int e = 0; e < edits; e++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            try
            {
                SampleMessages.ParseAny(bytes);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{Convert.ToHexString(bytes)} threw {e} ({TestSeed.Describe(seed)})");
            }
        }
    }
}
