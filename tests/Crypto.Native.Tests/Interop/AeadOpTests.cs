using System.Runtime.CompilerServices;

namespace Gateway.Crypto.Native.Tests.Interop;

/// <summary>AeadOp must be laid out exactly as gw_aead_op in gateway_native.h (64-bit).</summary>
public sealed unsafe class AeadOpTests
{
    [Fact]
    public void AeadOp_HasTheLayoutOfGwAeadOp()
    {
        Assert.Equal(8, sizeof(nint)); // the layout below is the 64-bit one, the only one we build
        AeadOp op = default;
        byte* start = (byte*)&op;

        Assert.Equal(48, sizeof(AeadOp));
        Assert.Equal(48, Unsafe.SizeOf<AeadOp>());
        Assert.Equal(0, (byte*)&op.Context - start);
        Assert.Equal(8, (byte*)&op.Nonce - start);
        Assert.Equal(16, (byte*)&op.AssociatedData - start);
        Assert.Equal(24, (byte*)&op.Data - start);
        Assert.Equal(32, (byte*)&op.Tag - start);
        Assert.Equal(40, (byte*)&op.AssociatedDataLength - start);
        Assert.Equal(44, (byte*)&op.DataLength - start);
    }
}
