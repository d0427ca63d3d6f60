namespace Gateway.Tests.Infrastructure;

/// <summary>
/// What "0 bytes per packet" allows over 100,000 packets on a worker thread: less than one object's worth per
/// 10,000 packets. A single allocation per packet (24 bytes at the least) is 2.4 MB there and fails by four orders of
/// magnitude; a one-off small object the runtime puts on the thread in a loaded run (56 B has been seen) passes.
/// </summary>
public static class AllocationBudget
{
    public const long PerHundredThousandPackets = 256;
}
