namespace Gateway.Crypto.Native.Net;

/// <summary>Socket options for <see cref="UdpBatchSocket"/> and <see cref="ManagedUdpBatchSocket"/>.</summary>
[Flags]
public enum UdpSocketOptions
{
    /// <summary>A plain socket.</summary>
    None = 0,

    /// <summary>SO_REUSEPORT: several workers' sockets share one port (the kernel spreads flows over them).</summary>
    ReusePort = 1,

    /// <summary>UDP_GRO when the kernel has it (native only): one read may return several equal-sized datagrams.</summary>
    Gro = 2,

    /// <summary>
    /// A blocking descriptor (native only), so that <see cref="UdpBatchSocket.ReceiveBatchWaiting"/> can sleep in the
    /// receive itself; every other call on the socket still never blocks.
    /// </summary>
    BlockingReceive = 4,
}
