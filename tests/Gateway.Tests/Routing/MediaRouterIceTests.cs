using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gateway.Rtp.Stun;
using Gateway.Transport;

namespace Gateway.Tests.Routing;

public sealed class MediaRouterIceTests
{
    [Fact]
    public void StunBindingRequest_WithTheParticipantsCredentials_IsAnswered_AndLatchesThePath()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        var (ufrag, password) = a.Join.IceCredentials!.Value;
        MediaPath browser = RouterTestClient.UdpPath(61_000);

        harness.Deliver(BindingRequest($"{ufrag}:remote", password), browser);

        byte[] response = Assert.Single(harness.Sink.TakeFor(browser));
        Assert.True(StunMessage.TryParse(response, out StunMessage message));
        Assert.Equal(StunMessageType.BindingSuccess, message.Type);
        using (var integrity = StunIntegrity.FromShortTermPassword(Encoding.ASCII.GetBytes(password)))
        {
            Assert.Equal(StunCheckResult.Valid, message.VerifyMessageIntegrity(integrity));
        }

        Assert.True(message.TryGetXorMappedAddress(out StunAddress mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 61_000), mapped.ToIPEndPoint());

        // The check authenticated: media for a now goes to the browser's address.
        b.SendRtp(b.Ssrc, [1]);
        Assert.Single(harness.Sink.TakeFor(browser));
    }

    [Fact]
    public void StunBindingRequest_WithAWrongPassword_IsNotAnswered_AndLatchesNothing()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        MediaPath attacker = RouterTestClient.UdpPath(61_001);

        harness.Deliver(BindingRequest($"{a.Join.IceCredentials!.Value.Ufrag}:remote", "wrongwrongwrongwrongwrong"), attacker);

        Assert.Empty(harness.Sink.TakeFor(attacker));
        Assert.Equal(1, harness.Counters.Drops(MediaDropReason.AuthFailed));
        b.SendRtp(b.Ssrc, [1]);
        Assert.Single(harness.Sink.TakeFor(a.Path));
    }

    private static byte[] BindingRequest(string username, string password)
    {
        var buffer = new byte[512];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, RandomNumberGenerator.GetBytes(12));
        Assert.True(writer.TryAddUsername(Encoding.ASCII.GetBytes(username)));
        Assert.True(writer.TryAddPriority(0x6E7F1EFF));
        Assert.True(writer.TryAddIceControlling(0x1122334455667788));
        Assert.True(writer.TryAddUseCandidate());
        using (var integrity = StunIntegrity.FromShortTermPassword(Encoding.ASCII.GetBytes(password)))
        {
            Assert.True(writer.TryAddMessageIntegrity(integrity));
        }

        Assert.True(writer.TryAddFingerprint());
        return buffer[..writer.Length];
    }
}
