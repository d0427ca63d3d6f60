namespace Gateway.RelayBench.Driver;

/// <summary>What relays the packets in one case.</summary>
internal enum RelayMode
{
    /// <summary>The gateway on its native batched transport (recvmmsg/sendmmsg, GRO/GSO): Media:Transport=native.</summary>
    Native,

    /// <summary>The gateway on its managed Socket transport: Media:Transport=managed.</summary>
    Managed,

    /// <summary>The C relay with UDP GRO on receive and GSO on send: the ceiling.</summary>
    Ceiling,

    /// <summary>The C relay with recvmmsg/sendmmsg only.</summary>
    CeilingPlain,
}
