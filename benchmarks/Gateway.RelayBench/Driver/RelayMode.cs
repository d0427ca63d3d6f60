namespace Gateway.RelayBench.Driver;

/// <summary>What relays the packets in one case.</summary>
internal enum RelayMode
{
    /// <summary>The gateway on its native batched transport (recvmmsg/sendmmsg, GRO/GSO) with one worker, like the C relay: Media:Transport=native.</summary>
    Native,

    /// <summary>The gateway on its native transport with its default one worker per core: packets cross workers through the hand-off rings.</summary>
    NativeAllCores,

    /// <summary>The gateway on its managed Socket transport with one worker: Media:Transport=managed.</summary>
    Managed,

    /// <summary>The C relay with UDP GRO on receive and GSO on send: the ceiling.</summary>
    Ceiling,

    /// <summary>The C relay with recvmmsg/sendmmsg only.</summary>
    CeilingPlain,
}
