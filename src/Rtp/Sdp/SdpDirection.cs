namespace Gateway.Rtp.Sdp;

/// <summary>The media direction attributes of RFC 8866 §6.7 (a=sendrecv, a=sendonly, a=recvonly, a=inactive).</summary>
public enum SdpDirection
{
    /// <summary>a=sendrecv: the default when no direction is stated.</summary>
    SendRecv = 0,

    /// <summary>a=sendonly.</summary>
    SendOnly = 1,

    /// <summary>a=recvonly.</summary>
    RecvOnly = 2,

    /// <summary>a=inactive.</summary>
    Inactive = 3,
}
