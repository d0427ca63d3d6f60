using System.Runtime.CompilerServices;

namespace Gateway.Crypto.Native.Net;

/// <summary>The 28 address bytes of <see cref="UdpDatagram"/> (gw_udp_msg.addr): room for a sockaddr_in6.</summary>
[InlineArray(UdpDatagram.MaxAddressSize)]
internal struct AddressBytes28
{
    private byte _element0;
}
