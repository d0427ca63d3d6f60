using System.Net.Sockets;

namespace Gateway.Crypto.Native.Net;

/// <summary>
/// A wake-up event for a thread waiting in <see cref="UdpBatchSocket.Wait"/> (a Linux eventfd): any thread may
/// <see cref="Signal"/> it; the wait that sees it resets it. Signals do not queue up: many signals before a
/// wait wake it once.
/// </summary>
public sealed class UdpWakeEvent : IDisposable
{
    private readonly WakeEventHandle _handle;

    private UdpWakeEvent(WakeEventHandle handle)
    {
        _handle = handle;
        Descriptor = (int)handle.DangerousGetHandle();
    }

    internal int Descriptor { get; private set; }

    /// <summary>Opens an event (not signaled).</summary>
    /// <exception cref="PlatformNotSupportedException">The native library is not available (see <see cref="UdpBatchSocket.IsSupported"/>).</exception>
    /// <exception cref="SocketException">The kernel refused an eventfd.</exception>
    public static unsafe UdpWakeEvent Open()
    {
        if (!UdpBatchSocket.IsSupported)
        {
            throw new PlatformNotSupportedException("libgateway_native is not available: " + NativeSupport.Current.LoadError);
        }

        int fd;
        int status = Interop.UdpWait.EventOpen(&fd);
        if (status != NativeStatus.Ok)
        {
            throw new SocketException((int)UdpErrors.FromStatus(status));
        }

        var handle = new WakeEventHandle();
        handle.Adopt(fd);
        return new UdpWakeEvent(handle);
    }

    /// <summary>Signals the event (one write syscall; no allocation). False once disposed.</summary>
    public bool Signal()
    {
        int fd = Descriptor;
        return fd >= 0 && Interop.UdpWait.EventSignal(fd) == NativeStatus.Ok;
    }

    /// <summary>Closes the event. Call once no thread signals or waits on it any more.</summary>
    public void Dispose()
    {
        Descriptor = -1;
        _handle.Dispose();
    }
}
