using System.Text;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>The table CRC-32 FINGERPRINT uses, against published check values and a bit-at-a-time oracle.</summary>
public sealed class StunCrc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_KnownInputs_GiveTheirCheckValues(string text, uint expected)
    {
        Assert.Equal(expected, StunCrc32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Compute_RandomInputs_MatchTheBitwiseDefinition()
    {
        int seed = StunSeed.Next();
        var random = new Random(seed);
        for (int length = 0; length < 600; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.True(StunBytes.BitwiseCrc32(data) == StunCrc32.Compute(data), $"length {length}, {StunSeed.Describe(seed)}");
        }
    }
}
