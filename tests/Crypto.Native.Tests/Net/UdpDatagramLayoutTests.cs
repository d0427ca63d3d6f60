using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Gateway.Crypto.Native.Net;

namespace Gateway.Crypto.Native.Tests.Net;

/// <summary><see cref="UdpDatagram"/> is laid out exactly as gw_udp_msg (gateway_native.h).</summary>
public sealed class UdpDatagramLayoutTests
{
    [Fact]
    public void Layout_MatchesGwUdpMsg()
    {
        Assert.Equal(8, IntPtr.Size); // the offsets below are the 64-bit ones
        Assert.Equal(56, Unsafe.SizeOf<UdpDatagram>());
        Assert.Equal(56, Marshal.SizeOf<UdpDatagram>());
        Assert.Equal(8, (int)Marshal.OffsetOf<UdpDatagram>("_capacity"));
        Assert.Equal(12, (int)Marshal.OffsetOf<UdpDatagram>("_length"));
        Assert.Equal(16, (int)Marshal.OffsetOf<UdpDatagram>("_address"));
        Assert.Equal(44, (int)Marshal.OffsetOf<UdpDatagram>("_addressLength"));
        Assert.Equal(48, (int)Marshal.OffsetOf<UdpDatagram>("_segmentSize"));
        Assert.Equal(52, (int)Marshal.OffsetOf<UdpDatagram>("_flags"));
    }

    [Fact]
    public void Length_OutsideTheSlot_Throws()
    {
        var slab = new UdpDatagramSlab(1, 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => slab.Datagrams[0].Length = 17);
        Assert.Throws<ArgumentOutOfRangeException>(() => slab.Datagrams[0].Length = -1);
    }
}
