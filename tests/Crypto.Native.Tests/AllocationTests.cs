using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Crypto.Native.Tests;

/// <summary>
/// The hot path allocates nothing: 10,000 seal + open of 1200-byte packets, CTR and block calls, and
/// batches of 32, measured with GC.GetAllocatedBytesForCurrentThread around the loop.
/// </summary>
/// <remarks>
/// Native implementations must allocate exactly 0 bytes. The Managed twin is reported, and fails only if
/// it allocates per call (at least as many bytes as calls): AesGcm and a reused ECB transform allocate
/// nothing today, but that is the runtime's business, not ours; a failed Managed open does allocate
/// (the exception it catches), so no failing open is in the loop.
/// </remarks>
public sealed unsafe class AllocationTests
{
    private const int Calls = 10_000;
    private const int PacketSize = 1200;
    private const int BatchSize = 32;
    private const int BatchRuns = 300;

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void SealGcmAndTryOpenGcm_AllocateNothingPerCall(AesImplementation implementation)
    {
        using var context = AesContext.Create(Bytes.Random(new Random(1), 16), implementation);
        byte[] nonce = new byte[AesContext.NonceSize];
        byte[] aad = new byte[12];
        byte[] data = Bytes.Random(new Random(2), PacketSize);
        byte[] sealedData = new byte[PacketSize];
        byte[] tag = new byte[AesContext.TagSize];
        byte[] counter = new byte[AesContext.BlockSize];

        void Loop(int calls)
        {
            for (int i = 0; i < calls; i++)
            {
                context.SealGcm(nonce, data, sealedData, tag, aad);
                if (!context.TryOpenGcm(nonce, sealedData, tag, data, aad))
                {
                    throw new InvalidOperationException("open failed");
                }

                context.TransformCtr(counter, data, sealedData);
                context.EncryptBlock(counter, counter);
            }
        }

        Loop(200); // JIT, tiering and first-use allocations out of the way
        long before = GC.GetAllocatedBytesForCurrentThread();
        Loop(Calls);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Report(implementation, $"{Calls} x (SealGcm + TryOpenGcm + TransformCtr of {PacketSize} bytes + EncryptBlock)", allocated, 4 * Calls);
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void AeadBatch_SealAllAndOpenAll_AllocateNothingPerRun(AesImplementation implementation)
    {
        using var context = AesContext.Create(Bytes.Random(new Random(3), 16), implementation);
        using var other = AesContext.Create(Bytes.Random(new Random(4), 32), implementation);
        using var batch = new AeadBatch(BatchSize);
        var random = new Random(5);
        var packets = Enumerable.Range(0, BatchSize)
            .Select(i => Packet.Create(0, i % 2 == 0 ? context : other, Bytes.Random(random, 12), Bytes.Random(random, 12), Bytes.Random(random, PacketSize)))
            .ToArray();
        try
        {
            void Loop(int runs)
            {
                for (int r = 0; r < runs; r++)
                {
                    batch.Clear();
                    for (int i = 0; i < packets.Length; i++)
                    {
                        packets[i].AddTo(batch);
                    }

                    batch.SealAll();
                    if (batch.OpenAll() != 0)
                    {
                        throw new InvalidOperationException("open failed");
                    }
                }
            }

            Loop(20);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Loop(BatchRuns);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Report(implementation, $"{BatchRuns} x (Clear + {BatchSize} Add + SealAll + OpenAll) of {PacketSize}-byte packets", allocated, 2 * BatchSize * BatchRuns);
        }
        finally
        {
            Array.ForEach(packets, p => p.Dispose());
        }
    }

    private static void Report(AesImplementation implementation, string what, long allocated, int calls)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"{CryptoBackend.Name(implementation)}: {allocated} bytes allocated by {what}");
        if (implementation == AesImplementation.Managed)
        {
            Assert.True(allocated < calls, $"Managed allocated {allocated} bytes in {what}: that is per call");
        }
        else
        {
            Assert.True(allocated == 0, $"{CryptoBackend.Name(implementation)} allocated {allocated} bytes in {what}; the native path must allocate nothing");
        }
    }
}
