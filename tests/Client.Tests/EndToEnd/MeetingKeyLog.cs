using System.Globalization;
using Gateway.Client.Encryption;
using Gateway.E2ee.Meeting;
using Gateway.E2ee.SFrame;

namespace Gateway.Client.Tests.EndToEnd;

/// <summary>A named key byte sequence of the meeting.</summary>
internal sealed record KeyMaterial(string Name, byte[] Bytes);

/// <summary>One epoch's keys as the clients hold them: the secret, each sender's SFrame base key, and the key ids.</summary>
internal sealed class EpochRecord(ulong epoch, byte[] secret, byte[][] baseKeys, ulong[] keyIds)
{
    public ulong Epoch { get; } = epoch;

    public byte[] Secret { get; } = secret;

    public byte[][] BaseKeys { get; } = baseKeys;

    public ulong[] KeyIds { get; } = keyIds;

    public int Senders => BaseKeys.Length;

    public int SenderIndexOf(ulong keyId) => Array.IndexOf(KeyIds, keyId);
}

/// <summary>
/// Every key byte sequence a meeting's clients made: per epoch the epoch secret, every sender's SFrame base key and
/// the SFrame key and salt derived from it (RFC 9605 §4.4) — what the server must never see.
/// </summary>
internal sealed class MeetingKeyLog
{
    private readonly Lock _sync = new();
    private readonly List<EpochRecord> _epochs = [];
    private readonly Dictionary<ulong, string> _senderParticipant = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    public IReadOnlyList<EpochRecord> Epochs
    {
        get
        {
            lock (_sync)
            {
                return [.. _epochs];
            }
        }
    }

    /// <summary>Records each epoch the participant adopts (the first participant to adopt it records it).</summary>
    public void Watch(MeetingE2ee e2ee) => e2ee.EpochChanged += Record;

    public EpochRecord EpochOf(ulong keyId) => Epochs.Single(e => e.SenderIndexOf(keyId) >= 0);

    /// <summary>The test's participant number (p0, p1, ...) that sends under <paramref name="keyId"/>, or -1.</summary>
    public int SenderOf(ulong keyId)
    {
        lock (_sync)
        {
            return _senderParticipant.TryGetValue(keyId, out string? participant) && _numbers.TryGetValue(participant, out int p) ? p : -1;
        }
    }

    /// <summary>Every base key the meeting used except the one of (<paramref name="epoch"/>, <paramref name="senderIndex"/>).</summary>
    public IEnumerable<byte[]> BaseKeysOtherThan(ulong epoch, int senderIndex) =>
        Epochs.SelectMany(e => e.BaseKeys.Select((key, index) => (e.Epoch, index, key)))
            .Where(x => x.Epoch != epoch || x.index != senderIndex)
            .Select(x => x.key);

    public IEnumerable<KeyMaterial> All
    {
        get
        {
            foreach (EpochRecord e in Epochs)
            {
                string epoch = e.Epoch.ToString(CultureInfo.InvariantCulture);
                yield return new KeyMaterial($"epoch {epoch} secret", e.Secret);
                for (int s = 0; s < e.Senders; s++)
                {
                    yield return new KeyMaterial($"epoch {epoch} sender {s} base key", e.BaseKeys[s]);
                    byte[] key = new byte[32];
                    byte[] salt = new byte[12];
                    SFrameKeyDerivation.Derive(SFrameCipherSuite.AesGcm256Sha512_128, e.KeyIds[s], e.BaseKeys[s], key, salt);
                    yield return new KeyMaterial($"epoch {epoch} sender {s} SFrame key", key);
                    yield return new KeyMaterial($"epoch {epoch} sender {s} SFrame salt", salt);
                }
            }
        }
    }

    private void Record(EpochKeys keys)
    {
        lock (_sync)
        {
            if (_epochs.Exists(e => e.Epoch == keys.Epoch))
            {
                return;
            }

            // Copied now: the keys are wiped once the epoch is over.
            int senders = keys.SenderIndexes.Count;
            var baseKeys = new byte[senders][];
            var keyIds = new ulong[senders];
            for (int s = 0; s < senders; s++)
            {
                baseKeys[s] = new byte[EpochKeys.BaseKeySize];
                keys.DeriveSenderBaseKey(s, baseKeys[s]);
                keyIds[s] = keys.KeyIdOf(s);
            }

            foreach ((string participant, int index) in keys.SenderIndexes)
            {
                _senderParticipant[keyIds[index]] = participant;
            }

            _epochs.Add(new EpochRecord(keys.Epoch, keys.Secret.ToArray(), baseKeys, keyIds));
        }
    }

    /// <summary>Names the gateway's participant id with the test's participant number.</summary>
    public void Number(string participantId, int number)
    {
        lock (_sync)
        {
            _numbers[participantId] = number;
        }
    }
}
