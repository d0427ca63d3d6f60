using System.Diagnostics;
using System.Net;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>
/// The responder allocates nothing per request: 100,000 requests — successes, 401s and 487s, the error
/// paths included — measured with GC.GetAllocatedBytesForCurrentThread around the loop.
/// </summary>
public sealed class IceLiteResponderAllocationTests
{
    private const int Requests = 100_000;

    [Fact]
    public void Respond_HundredThousandRequests_AllocateNothing()
    {
        using var responder = new IceLiteResponder(IceRequests.LocalUfrag, IceRequests.LocalPassword);
        var v4 = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 54321));
        var v6 = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 54321));
        byte[] check = IceRequests.Build();
        byte[] wrongPassword = IceRequests.Build(password: "xJ2m9Qp4Lr8Vz1Nc6Tb3Ht");
        byte[] controlled = IceRequests.Build(controlling: false, controlled: true);
        var response = new byte[IceLiteResponder.MaxResponseLength];

        long Loop(int requests)
        {
            long responded = 0;
            for (int i = 0; i < requests; i++)
            {
                IceLiteResult result = (i & 7) switch
                {
                    6 => responder.Respond(wrongPassword, v4, response, out _),
                    7 => responder.Respond(controlled, v6, response, out _),
                    _ => responder.Respond(check, (i & 1) == 0 ? v4 : v6, response, out _),
                };
                if (result == IceLiteResult.Responded)
                {
                    responded++;
                }
            }

            return responded;
        }

        Loop(2_000); // JIT, tiering and first-use allocations out of the way
        long before = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        long responded = Loop(Requests);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Requests} requests ({responded} answered with success): {allocated} bytes allocated, {elapsed.TotalNanoseconds / Requests:F0} ns per request");
        Assert.Equal(Requests / 8 * 6, responded);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ParseVerifyAndWrite_AllocateNothing()
    {
        using var integrity = StunIntegrity.FromShortTermPassword("VOkJxbRl1RmTxUk/WvJxBt"u8);
        var buffer = new byte[256];
        var source = StunAddress.FromIPv4([192, 0, 2, 1], 32853);

        int Loop(int rounds)
        {
            int valid = 0;
            for (int i = 0; i < rounds; i++)
            {
                if (StunMessage.TryParse(Rfc5769Vectors.SampleRequest, out StunMessage message)
                    && message.VerifyMessageIntegrity(integrity) == StunCheckResult.Valid
                    && message.VerifyFingerprint() == StunCheckResult.Valid
                    && message.TryGetUsername(out _)
                    && message.TryGetPriority(out _)
                    && StunBindingResponse.TryWriteSuccess(buffer, message.TransactionId, source, integrity, out _))
                {
                    valid++;
                }
            }

            return valid;
        }

        Loop(2_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int valid = Loop(20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20_000, valid);
        Assert.Equal(0, allocated);
    }
}
