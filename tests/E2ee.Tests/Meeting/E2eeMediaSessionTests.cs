using Gateway.E2ee.Meeting;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.Meeting;

public sealed class E2eeMediaSessionTests
{
    [Fact]
    public void ProtectAndUnprotect_AllocateNothing()
    {
        using var meeting = new MeetingHarness("alice", "bob");
        E2eeMediaSession alice = meeting["alice"];
        E2eeMediaSession bob = meeting["bob"];
        byte[] frame = new byte[160];
        byte[] metadata = new byte[12];
        byte[] protectedFrame = new byte[frame.Length + alice.MaxOverhead];
        byte[] opened = new byte[protectedFrame.Length];

        void RoundTrip()
        {
            alice.ProtectFrame(metadata, frame, protectedFrame, out int written);
            SFrameStatus status = bob.UnprotectFrame(metadata, protectedFrame.AsSpan(0, written), opened, out _, out _);
            if (status != SFrameStatus.Ok)
            {
                throw new InvalidOperationException(status.ToString());
            }
        }

        for (int i = 0; i < 100; i++)
        {
            RoundTrip();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            RoundTrip();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TryGetSender_NamesTheSenderOfAFrame()
    {
        using var meeting = new MeetingHarness("alice", "bob");
        E2eeMediaSession alice = meeting["alice"];
        E2eeMediaSession bob = meeting["bob"];
        byte[] sframe = MediaHarness.Protect(alice, [1, 2, 3]);

        Assert.Equal(SFrameStatus.Ok, bob.UnprotectFrame([], sframe, new byte[sframe.Length], out _, out ulong keyId));
        Assert.True(bob.TryGetSender(keyId, out string? sender));
        Assert.Equal("alice", sender);
        Assert.Equal(meeting.Relay.Agents["bob"].CurrentEpoch, bob.SendEpoch);
    }

    [Fact]
    public void BeforeTheFirstEpoch_ThereIsNoSendKey()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        MeetingKeyAgent bob = relay.Join("bob"); // not pumped: bob has no epoch yet
        using var session = new E2eeMediaSession(bob);

        Assert.Null(session.SendEpoch);
        Assert.Equal(SFrameStatus.NoSendKey, session.ProtectFrame([], [1], new byte[64], out _));
    }

    [Fact]
    public void Metadata_IsAuthenticated()
    {
        using var meeting = new MeetingHarness("alice", "bob");
        E2eeMediaSession alice = meeting["alice"];
        E2eeMediaSession bob = meeting["bob"];
        byte[] buffer = new byte[64];
        Assert.Equal(SFrameStatus.Ok, alice.ProtectFrame([1, 2], [9, 9, 9], buffer, out int written));

        Assert.Equal(SFrameStatus.AuthenticationFailed, bob.UnprotectFrame([1, 3], buffer.AsSpan(0, written), new byte[64], out _, out _));
    }
}
