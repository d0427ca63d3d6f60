using System.Net;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>The allocation-free transport address: conversions, equality, and the XOR encoding.</summary>
public sealed class StunAddressTests
{
    [Fact]
    public void FromIPEndPoint_IPv4MappedIPv6_BecomesIPv4()
    {
        var address = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.9"), 9));
        Assert.Equal(StunAddressFamily.IPv4, address.Family);
        Assert.Equal([192, 0, 2, 9], address.Address.ToArray());
        Assert.Equal("192.0.2.9:9", address.ToString());
    }

    [Theory]
    [InlineData("203.0.113.7", 1)]
    [InlineData("2001:db8::1", 65535)]
    [InlineData("::", 3478)]
    [InlineData("fe80::1:2:3:4", 7)]
    public void ToIPEndPoint_RoundTrips(string ip, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(ip), port);
        var address = StunAddress.FromIPEndPoint(endPoint);
        Assert.Equal(endPoint, address.ToIPEndPoint());
        Assert.Equal(address, StunAddress.FromIPEndPoint(address.ToIPEndPoint()));
    }

    [Theory]
    [InlineData("203.0.113.7", 1)]
    [InlineData("2001:db8::1", 65535)]
    [InlineData("::ffff:1.2.3.4", 80)]
    public void XorEncoding_RoundTripsWithTheSameTransactionId(string ip, int port)
    {
        var address = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse(ip), port));
        var value = new byte[address.EncodedLength];
        address.Encode(value, StunRaw.TransactionId, xor: true);
        Assert.True(StunAddress.TryDecode(value, StunRaw.TransactionId, xor: true, out StunAddress decoded));
        Assert.Equal(address, decoded);
    }

    [Fact]
    public void Equality_ComparesFamilyPortAndAddress()
    {
        var a = StunAddress.FromIPv4([10, 0, 0, 1], 5000);
        Assert.Equal(a, StunAddress.FromIPv4([10, 0, 0, 1], 5000));
        Assert.Equal(a.GetHashCode(), StunAddress.FromIPv4([10, 0, 0, 1], 5000).GetHashCode());
        Assert.NotEqual(a, StunAddress.FromIPv4([10, 0, 0, 1], 5001));
        Assert.NotEqual(a, StunAddress.FromIPv4([10, 0, 0, 2], 5000));
        Assert.NotEqual(a, StunAddress.FromIPv6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 0, 0, 1], 5000));
        Assert.True(a != default);
    }

    [Fact]
    public void Factories_RefuseTheWrongAddressLength()
    {
        Assert.Throws<ArgumentException>(() => StunAddress.FromIPv4(new byte[16], 1));
        Assert.Throws<ArgumentException>(() => StunAddress.FromIPv6(new byte[4], 1));
        Assert.Throws<InvalidOperationException>(() => default(StunAddress).ToIPEndPoint());
        Assert.Equal("unspecified", default(StunAddress).ToString());
    }
}
