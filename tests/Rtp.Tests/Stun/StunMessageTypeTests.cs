using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>The interleaving of method and class bits (RFC 8489 §5).</summary>
public sealed class StunMessageTypeTests
{
    [Theory]
    [InlineData(0x001, StunMessageClass.Request, 0x0001)]
    [InlineData(0x001, StunMessageClass.Indication, 0x0011)]
    [InlineData(0x001, StunMessageClass.SuccessResponse, 0x0101)]
    [InlineData(0x001, StunMessageClass.ErrorResponse, 0x0111)]
    [InlineData(0x003, StunMessageClass.Request, 0x0003)] // TURN Allocate (RFC 8656)
    [InlineData(0x003, StunMessageClass.ErrorResponse, 0x0113)]
    [InlineData(0x006, StunMessageClass.Indication, 0x0016)] // TURN Send
    [InlineData(0xFFF, StunMessageClass.ErrorResponse, 0x3FFF)]
    public void Value_InterleavesMethodAndClass(int method, StunMessageClass messageClass, int expected)
    {
        var type = new StunMessageType((ushort)method, messageClass);
        Assert.Equal(expected, type.Value);
        Assert.Equal(type, StunMessageType.FromValue((ushort)expected));
    }

    [Fact]
    public void FromValue_RoundTripsEveryMethodAndClass()
    {
        for (int method = 0; method <= 0xFFF; method++)
        {
            for (int c = 0; c < 4; c++)
            {
                var type = new StunMessageType((ushort)method, (StunMessageClass)c);
                Assert.True((type.Value & 0xC000) == 0, $"method {method:x3} class {c}: top bits set");
                Assert.Equal(type, StunMessageType.FromValue(type.Value));
            }
        }
    }

    [Fact]
    public void BindingShortcuts_HaveTheRegisteredValues()
    {
        Assert.Equal(0x0001, StunMessageType.BindingRequest.Value);
        Assert.Equal(0x0011, StunMessageType.BindingIndication.Value);
        Assert.Equal(0x0101, StunMessageType.BindingSuccess.Value);
        Assert.Equal(0x0111, StunMessageType.BindingError.Value);
    }
}
