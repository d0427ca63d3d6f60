namespace Gateway.Rtp.Stun;

/// <summary>The address family byte of (XOR-)MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
public enum StunAddressFamily
{
    /// <summary>No address (the default value of <see cref="StunAddress"/>).</summary>
    Unspecified = 0,

    /// <summary>0x01: a 4-byte IPv4 address.</summary>
    IPv4 = 0x01,

    /// <summary>0x02: a 16-byte IPv6 address.</summary>
    IPv6 = 0x02,
}
