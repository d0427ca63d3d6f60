using System.Runtime.InteropServices;

namespace Gateway.RelayBench.Load;

/// <summary>
/// The load generator's pause when a loop found nothing to do: a short nanosleep (Thread.Sleep's 1 ms would add
/// up to a millisecond of queueing to every latency sample; spinning would take a core from the relay).
/// </summary>
internal static partial class IdleWait
{
    public static void Microseconds(int microseconds) => _ = USleep((uint)microseconds);

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
