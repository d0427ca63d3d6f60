using Gateway.E2ee.Meeting;
using Gateway.E2ee.Messages;
using Gateway.E2ee.Tests.Keys;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>No ToString shows a key, and an agent that is disposed wipes its epoch secret.</summary>
public sealed class KeyMaterialTests
{
    [Fact]
    public void ToString_OfEveryType_ShowsNoKeyMaterial()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Pump();
        using var media = new MediaHarness(relay);
        E2eeMediaSession session = media.Attach("bob");
        MeetingKeyAgent bob = relay.Agents["bob"];
        EpochKeys keys = bob.CurrentEpochKeys!;
        byte[] baseKey = new byte[32];
        keys.DeriveSenderBaseKey(0, baseKey);
        byte[][] secrets =
        [
            keys.Secret.ToArray(), baseKey, bob.ExchangePublicKey.ToArray(), relay.Agents["alice"].ExchangePublicKey.ToArray(),
            relay.IdentityOf("alice").PublicKey.ToArray(), relay.IdentityOf("bob").PublicKey.ToArray(),
        ];

        var texts = new List<string> { bob.ToString(), keys.ToString(), session.ToString(), relay.IdentityOf("bob").ToString() };
        foreach (DeliveryRecord delivery in relay.Log)
        {
            texts.Add(new KeyMessage(delivery.To, delivery.Body).ToString());
            texts.Add(delivery.Outcome.ToString());
            if (Announcement.TryParse(delivery.Body, out Announcement? a, out _))
            {
                texts.Add(a!.ToString());
            }

            if (KeyEnvelope.TryParse(delivery.Body, out KeyEnvelope? e, out _))
            {
                texts.Add(e!.ToString());
            }

            if (EpochCommitment.TryParse(delivery.Body, out EpochCommitment? c, out _))
            {
                texts.Add(c!.ToString());
                texts.AddRange(c.Roster.Select(r => r.ToString()));
            }
        }

        foreach (string text in texts)
        {
            KeyText.AssertAbsent(text, secrets);
        }
    }

    [Fact]
    public void Dispose_WipesTheEpochSecret()
    {
        using var relay = new TestRelay();
        MeetingKeyAgent alice = relay.Join("alice");
        relay.Pump();
        EpochKeys keys = alice.CurrentEpochKeys!;

        alice.Dispose();

        Assert.True(keys.IsExpired);
        Gateway.Crypto.Native.Tests.Infrastructure.Bytes.AllZero(keys.Secret, "epoch secret after dispose");
        Assert.Equal(KeyMessageRejection.NotStarted, alice.OnMessage("bob", [1, 1]).Rejection);
    }
}
