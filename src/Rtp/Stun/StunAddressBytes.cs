using System.Runtime.CompilerServices;

namespace Gateway.Rtp.Stun;

/// <summary>Sixteen bytes stored inline in <see cref="StunAddress"/>: room for an IPv6 address, no array.</summary>
[InlineArray(Length)]
internal struct StunAddressBytes
{
    public const int Length = 16;

    private byte _element0;
}
