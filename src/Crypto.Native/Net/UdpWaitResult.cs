namespace Gateway.Crypto.Native.Net;

/// <summary>What ended a <see cref="UdpBatchSocket.Wait"/>: bits, <see cref="None"/> on timeout.</summary>
[Flags]
public enum UdpWaitResult
{
    /// <summary>The timeout passed (or a signal interrupted the wait).</summary>
    None = 0,

    /// <summary>The socket has a datagram (or an error) to read.</summary>
    Readable = 1,

    /// <summary>The wake event was signaled (and has been reset).</summary>
    Signaled = 2,
}
