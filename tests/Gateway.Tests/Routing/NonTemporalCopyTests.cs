using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gateway.Routing;

namespace Gateway.Tests.Routing;

public sealed class NonTemporalCopyTests
{
    [Fact]
    public void Copy_WritesTheSourceAndZeroPadsTheLastUnit_ForEveryLengthAndBothPaths()
    {
        var random = new Random(7);
        byte[] pinned = GC.AllocateArray<byte>(4_096, pinned: true);
        int aligned = AlignedOffset(pinned);
        foreach (int offset in new[] { aligned, aligned + 1, aligned + 16 })
        {
            for (int length = 0; length <= 1_504; length += length < 80 ? 1 : 37)
            {
                byte[] source = new byte[length];
                random.NextBytes(source);
                Span<byte> destination = pinned.AsSpan(offset, NonTemporalCopy.PaddedLength(length) + 8);
                destination.Fill(0xEE);

                NonTemporalCopy.Copy(source, destination);

                Assert.True(destination[..length].SequenceEqual(source), $"length {length} at offset {offset}");
                int padded = NonTemporalCopy.PaddedLength(length);
                if (offset == aligned)
                {
                    // The non-temporal path writes whole units: the rest of the last one is zeros.
                    Assert.True(destination[length..padded].IndexOfAnyExcept((byte)0) < 0, $"padding of length {length}");
                }

                Assert.True(destination[padded..].IndexOfAnyExcept((byte)0xEE) < 0, $"nothing written past the padded length {length}");
            }
        }
    }

    [Fact]
    public void Copy_RefusesADestinationShorterThanThePaddedSource()
    {
        byte[] pinned = GC.AllocateArray<byte>(256, pinned: true);
        int aligned = AlignedOffset(pinned);
        Assert.Throws<ArgumentException>(() => NonTemporalCopy.Copy(new byte[33], pinned.AsSpan(aligned, 63)));
        NonTemporalCopy.Copy(new byte[33], pinned.AsSpan(aligned, 64));
    }

    [Fact]
    public void Store_WritesOneUnitAlignedOrNot_AndRefusesAShortDestination()
    {
        byte[] pinned = GC.AllocateArray<byte>(256, pinned: true);
        int aligned = AlignedOffset(pinned);
        var unit = Vector256.Create((byte)1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32);
        foreach (int offset in new[] { aligned, aligned + 3 })
        {
            Span<byte> destination = pinned.AsSpan(offset, 40);
            destination.Fill(0xEE);
            NonTemporalCopy.Store(unit, destination);
            Assert.Equal(unit, Vector256.Create((ReadOnlySpan<byte>)destination[..32]));
            Assert.True(destination[32..].IndexOfAnyExcept((byte)0xEE) < 0);
        }

        Assert.Throws<ArgumentException>(() => NonTemporalCopy.Store(unit, pinned.AsSpan(aligned, 31)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 32)]
    [InlineData(32, 32)]
    [InlineData(33, 64)]
    [InlineData(1_500, 1_504)]
    public void PaddedLength_RoundsUpToTheUnit(int length, int padded) => Assert.Equal(padded, NonTemporalCopy.PaddedLength(length));

    private static int AlignedOffset(byte[] pinned)
    {
        GCHandle handle = GCHandle.Alloc(pinned, GCHandleType.Pinned);
        try
        {
            long address = handle.AddrOfPinnedObject();
            return (int)((NonTemporalCopy.Alignment - (address % NonTemporalCopy.Alignment)) % NonTemporalCopy.Alignment);
        }
        finally
        {
            handle.Free();
        }
    }
}
