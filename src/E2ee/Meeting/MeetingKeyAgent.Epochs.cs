using System.Security.Cryptography;
using Gateway.E2ee.Keys;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Meeting;

/// <summary>Making epochs (as leader) and making them current.</summary>
public sealed partial class MeetingKeyAgent
{
    /// <summary>As leader, starts a new epoch when the announced participants present differ from the current epoch's roster, or the epoch is another leader's.</summary>
    private void RekeyIfNeeded(List<KeyMessage> messages)
    {
        if (!IsLeader)
        {
            return;
        }

        if (_current is null || _current.LeaderId != ParticipantId || !RosterMatchesPresent(_current))
        {
            StartEpoch(messages);
        }
    }

    private bool RosterMatchesPresent(EpochCommitment commitment)
    {
        int present = 0;
        foreach (string id in _roster)
        {
            if (!_announced.TryGetValue(id, out Announcement? announcement))
            {
                continue;
            }

            present++;
            RosterEntry? entry = commitment.Find(id);
            if (entry is null || !entry.ExchangeKey.AsSpan().SequenceEqual(announcement.ExchangeKey))
            {
                return false;
            }
        }

        return present == commitment.Roster.Count;
    }

    /// <summary>Makes a new epoch for every announced participant present: commitment to all, an envelope to each other participant.</summary>
    private void StartEpoch(List<KeyMessage> messages)
    {
        ulong epoch = Math.Max(_current?.Epoch ?? 0, _highestEpochSeen) + 1;
        var ids = new List<string>();
        foreach (string id in _roster)
        {
            if (_announced.ContainsKey(id) && ids.Count < ProtocolConstants.MaxRosterSize)
            {
                ids.Add(id);
            }
        }

        ids.Sort(StringComparer.Ordinal);
        var roster = new List<RosterEntry>(ids.Count);
        foreach (string id in ids)
        {
            Announcement announcement = _announced[id];
            roster.Add(new RosterEntry(id, announcement.DeviceId, (ushort)roster.Count, announcement.IdentityKey, announcement.ExchangeKey));
        }

        byte[] secret = RandomNumberGenerator.GetBytes(ProtocolConstants.EpochSecretSize);
        try
        {
            byte[] rosterHash = EpochKeySchedule.HashRoster(roster);
            byte[] secretCommitment = EpochKeySchedule.Commit(secret, MeetingId, epoch, ParticipantId, rosterHash);
            ulong now = NowMs();
            byte[] commitmentBytes = EpochCommitment.Create(_identity, MeetingId, epoch, ParticipantId, roster, rosterHash, secretCommitment, now);
            EpochCommitment commitment = EpochCommitment.ParseOwn(commitmentBytes);
            messages.Add(new KeyMessage(null, commitmentBytes));
            foreach (RosterEntry entry in roster)
            {
                if (entry.ParticipantId == ParticipantId)
                {
                    continue;
                }

                byte[]? envelope = KeyEnvelope.Create(_identity, _exchangeKeys, MeetingId, epoch, ParticipantId, entry.ParticipantId, entry.ExchangeKey, secret, now);
                if (envelope is not null)
                {
                    messages.Add(new KeyMessage(entry.ParticipantId, envelope));
                }
            }

            _epochStartedAt = _time.GetUtcNow();
            _lastCommitmentSentAt = _epochStartedAt;
            _highestEpochSeen = epoch;
            Activate(commitment, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private void SendHeartbeat(List<KeyMessage> messages)
    {
        EpochCommitment current = _current!;
        byte[] bytes = EpochCommitment.Create(_identity, MeetingId, current.Epoch, ParticipantId, current.Roster, current.RosterHash, current.SecretCommitment, NowMs());
        _current = EpochCommitment.ParseOwn(bytes);
        _lastCommitmentSentAt = _time.GetUtcNow();
        LastLeaderHeartbeat = _lastCommitmentSentAt;
        messages.Add(new KeyMessage(null, bytes));
    }

    /// <summary>Makes <paramref name="commitment"/>'s epoch current: wipes the previous secret, computes the security code, raises <see cref="EpochChanged"/>.</summary>
    private void Activate(EpochCommitment commitment, ReadOnlySpan<byte> secret)
    {
        var indexes = new Dictionary<string, int>(commitment.Roster.Count, StringComparer.Ordinal);
        foreach (RosterEntry entry in commitment.Roster)
        {
            indexes.Add(entry.ParticipantId, entry.SenderIndex);
        }

        RosterEntry leader = commitment.Find(commitment.LeaderId) ?? throw new InvalidOperationException("The leader is not in its own roster.");
        string code = Keys.SecurityCode.Compute(leader.IdentityKey, commitment.Digest);
        var keys = new EpochKeys(commitment.Epoch, commitment.LeaderId, code, indexes, indexes[ParticipantId], secret);

        _currentKeys?.Expire();
        if (_pendingSecrets.Remove(commitment.Epoch, out PendingSecret? pending))
        {
            CryptographicOperations.ZeroMemory(pending.Secret);
        }

        _pendingCommitments.Remove(commitment.Epoch);
        _current = commitment;
        _currentKeys = keys;
        LastLeaderHeartbeat = _time.GetUtcNow();
        TrimPending();
        EpochChanged?.Invoke(keys);
    }
}
