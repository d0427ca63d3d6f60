using System.Security.Cryptography;
using System.Text;
using Gateway.Client.Encryption;

namespace Gateway.Client.Tests.Infrastructure;

/// <summary>
/// A minimal key exchange for the tests of the <see cref="IKeyExchange"/> hook (NOT secure: the key travels in the clear
/// through the gateway): the leader makes a meeting key and sends it to each participant it sees join; everyone
/// protects under a KID derived from its own participant id and accepts the KIDs of the participants it knows.
/// </summary>
internal sealed class LeaderKeyExchange(bool leader, SFrameFrameEncryption frames) : IKeyExchange
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("TESTKEY:");

    private readonly HashSet<string> _roster = [];
    private string _self = "";
    private byte[]? _key;

    public bool HasKey => Volatile.Read(ref _key) is not null;

    public void OnJoined(string selfParticipantId, ICollection<KeyExchangeMessage> outgoing)
    {
        _self = selfParticipantId;
        if (leader)
        {
            Install(RandomNumberGenerator.GetBytes(32));
        }
    }

    public void OnParticipantJoined(string participantId, string identity, bool e2ee, ICollection<KeyExchangeMessage> outgoing)
    {
        if (participantId == _self)
        {
            return;
        }

        _roster.Add(participantId);
        if (_key is not null)
        {
            frames.AddReceiveKey(Kid(participantId), _key);
            if (leader)
            {
                outgoing.Add(new KeyExchangeMessage(participantId, [.. Magic, .. _key]));
            }
        }
    }

    public void OnParticipantLeft(string participantId, ICollection<KeyExchangeMessage> outgoing)
    {
        _roster.Remove(participantId);
        frames.RemoveReceiveKey(Kid(participantId));
    }

    public bool TryHandleMessage(string from, ReadOnlySpan<byte> body, ICollection<KeyExchangeMessage> outgoing)
    {
        if (!body.StartsWith(Magic))
        {
            return false;
        }

        Install(body[Magic.Length..].ToArray());
        return true;
    }

    public void OnTick(ICollection<KeyExchangeMessage> outgoing)
    {
    }

    private void Install(byte[] key)
    {
        frames.SetSendKey(Kid(_self), key);
        foreach (string other in _roster)
        {
            frames.AddReceiveKey(Kid(other), key);
        }

        Volatile.Write(ref _key, key);
    }

    private static ulong Kid(string participantId) => (ulong)(uint)participantId.GetHashCode(StringComparison.Ordinal) & 0xFFFF;
}
