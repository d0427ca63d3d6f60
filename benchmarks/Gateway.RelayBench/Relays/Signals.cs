using System.Runtime.InteropServices;

namespace Gateway.RelayBench.Relays;

/// <summary>POSIX signals for child processes (Process.Kill sends SIGKILL; relays should stop cleanly and report).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
