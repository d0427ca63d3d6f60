using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

/// <summary>Protect and Unprotect allocate nothing: 10,000 frames each way, counted with GC.GetAllocatedBytesForCurrentThread after a warm-up.</summary>
public sealed class SFrameAllocationTests
{
    private const int Frames = 10_000;

    [Theory]
    [MemberData(nameof(SFrameTestData.AllSuites), MemberType = typeof(SFrameTestData))]
    public void ProtectAndUnprotect_10000Frames_AllocateNothing(SFrameCipherSuite suite)
    {
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(suite, 0x1234, new byte[32]);
        using (sender)
        using (receiver)
        {
            receiver.AddReceiveKey(0x99, new byte[32]); // more than one key to look up
            byte[] plaintext = new byte[1200];
            byte[] metadata = new byte[12];
            byte[] frame = new byte[plaintext.Length + sender.MaxOverhead];
            byte[] output = new byte[plaintext.Length];

            int Loop(int frames)
            {
                int failures = 0;
                for (int i = 0; i < frames; i++)
                {
                    // Half the frames with metadata (GCM copies header || metadata on the stack), half without.
                    ReadOnlySpan<byte> md = (i & 1) == 0 ? metadata : default;
                    failures += sender.Protect(md, plaintext, frame, out int written) == SFrameStatus.Ok ? 0 : 1;
                    failures += receiver.Unprotect(md, frame.AsSpan(0, written), output, out _, out _) == SFrameStatus.Ok ? 0 : 1;
                }

                return failures;
            }

            Assert.Equal(0, Loop(100));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int failures = Loop(Frames);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, failures);
            Assert.True(allocated == 0, $"{Frames} x (protect + unprotect) on {suite} allocated {allocated} bytes.");
        }
    }
}
