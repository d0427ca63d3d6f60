using System.Security.Cryptography;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Meeting;

/// <summary>Verification of received announcements, envelopes and commitments.</summary>
public sealed partial class MeetingKeyAgent
{
    /// <summary>Pending epochs kept at most per kind (an honest leader has one or two in flight).</summary>
    private const int MaxPendingEpochs = 8;

    private KeyMessageOutcome HandleAnnouncement(string from, ReadOnlySpan<byte> body)
    {
        if (!Announcement.TryParse(body, out Announcement? announcement, out MessageParseError error))
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.Malformed, error);
        }

        if (announcement!.MeetingId != MeetingId)
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.WrongMeeting);
        }

        if (announcement.ParticipantId != from)
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.SenderMismatch);
        }

        if (!announcement.VerifySignature())
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.BadSignature);
        }

        // Trust on first use within the meeting: a participant id keeps its identity key, even across a re-join.
        if (_pinnedIdentityKeys.TryGetValue(from, out byte[]? pinned) && !pinned.AsSpan().SequenceEqual(announcement.IdentityKey))
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.IdentityKeyChanged);
        }

        if (_announced.TryGetValue(from, out Announcement? known))
        {
            // The same announcement again (a re-send to a joiner that reached us too) is harmless.
            return known.SignedBytes.AsSpan().SequenceEqual(announcement.SignedBytes)
                ? KeyMessageOutcome.Accepted()
                : KeyMessageOutcome.Rejected(KeyMessageRejection.AnnouncementConflict);
        }

        // After a leave, an older announcement (with an X25519 key whose private half is gone) is a replay.
        if (_lastAnnouncementTimestamps.TryGetValue(from, out ulong last) && announcement.TimestampMs <= last)
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.StaleAnnouncement);
        }

        _announced[from] = announcement;
        _pinnedIdentityKeys[from] = announcement.IdentityKey;
        _lastAnnouncementTimestamps[from] = announcement.TimestampMs;
        return KeyMessageOutcome.Accepted();
    }

    private KeyMessageOutcome HandleEpochMessage(string from, KeyMessageType type, ReadOnlySpan<byte> body) => type switch
    {
        KeyMessageType.Envelope => HandleEnvelope(from, body),
        KeyMessageType.EpochCommitment => HandleCommitment(from, body),
        _ => HandleAnnouncement(from, body),
    };

    private KeyMessageOutcome HandleEnvelope(string from, ReadOnlySpan<byte> body)
    {
        if (!KeyEnvelope.TryParse(body, out KeyEnvelope? envelope, out MessageParseError error))
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.Malformed, error);
        }

        Announcement leader = _announced[from];
        KeyMessageRejection rejection =
            envelope!.MeetingId != MeetingId ? KeyMessageRejection.WrongMeeting
            : envelope.LeaderId != from ? KeyMessageRejection.SenderMismatch
            : from != LeaderId ? KeyMessageRejection.NotLeader
            : !envelope.VerifySignature(leader.IdentityKey) ? KeyMessageRejection.BadSignature
            : envelope.RecipientId != ParticipantId ? KeyMessageRejection.WrongRecipient
            : IsStale(envelope.Epoch) ? KeyMessageRejection.StaleEpoch
            : !envelope.LeaderExchangeKey.AsSpan().SequenceEqual(leader.ExchangeKey)
              || !envelope.RecipientExchangeKey.AsSpan().SequenceEqual(_exchangeKeys.PublicKey) ? KeyMessageRejection.ExchangeKeyMismatch
            : KeyMessageRejection.None;
        if (rejection != KeyMessageRejection.None)
        {
            return KeyMessageOutcome.Rejected(rejection);
        }

        byte[] secret = new byte[ProtocolConstants.EpochSecretSize];
        if (!envelope.TryOpen(_exchangeKeys, secret))
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.DecryptionFailed);
        }

        if (_pendingSecrets.Remove(envelope.Epoch, out PendingSecret? replaced))
        {
            CryptographicOperations.ZeroMemory(replaced.Secret);
        }

        _pendingSecrets[envelope.Epoch] = new PendingSecret(from, secret);
        _highestEpochSeen = Math.Max(_highestEpochSeen, envelope.Epoch);
        TrimPending();
        return TryAdopt(envelope.Epoch);
    }

    private KeyMessageOutcome HandleCommitment(string from, ReadOnlySpan<byte> body)
    {
        if (!EpochCommitment.TryParse(body, out EpochCommitment? commitment, out MessageParseError error))
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.Malformed, error);
        }

        KeyMessageRejection rejection =
            commitment!.MeetingId != MeetingId ? KeyMessageRejection.WrongMeeting
            : commitment.LeaderId != from ? KeyMessageRejection.SenderMismatch
            : from != LeaderId ? KeyMessageRejection.NotLeader
            : !commitment.VerifySignature(_announced[from].IdentityKey) ? KeyMessageRejection.BadSignature
            : !RosterAgreesWithAnnouncements(commitment) ? KeyMessageRejection.RosterMismatch
            : KeyMessageRejection.None;
        if (rejection != KeyMessageRejection.None)
        {
            return KeyMessageOutcome.Rejected(rejection);
        }

        if (_current is not null && commitment.Epoch == _current.Epoch)
        {
            // A heartbeat: the same statement, re-signed with a newer timestamp.
            if (commitment.LeaderId != _current.LeaderId || !commitment.SameStatementAs(_current) || commitment.TimestampMs < _current.TimestampMs)
            {
                return KeyMessageOutcome.Rejected(KeyMessageRejection.ConflictingCommitment);
            }

            _current = commitment;
            LastLeaderHeartbeat = _time.GetUtcNow();
            return KeyMessageOutcome.Accepted();
        }

        if (IsStale(commitment.Epoch))
        {
            return KeyMessageOutcome.Rejected(KeyMessageRejection.StaleEpoch);
        }

        // Even an epoch this participant is not part of moves the floor for epochs it may make as a later leader.
        _highestEpochSeen = Math.Max(_highestEpochSeen, commitment.Epoch);
        Messages.RosterEntry? self = commitment.Find(ParticipantId);
        if (self is null || !self.ExchangeKey.AsSpan().SequenceEqual(_exchangeKeys.PublicKey))
        {
            return KeyMessageOutcome.Ignored(KeyMessageRejection.NotInRoster);
        }

        _pendingCommitments[commitment.Epoch] = commitment;
        TrimPending();
        return TryAdopt(commitment.Epoch);
    }

    private bool IsStale(ulong epoch) => _current is not null && epoch <= _current.Epoch;

    /// <summary>Every roster entry must carry the keys the participant announced or, if not announced (yet), its pinned identity key.</summary>
    private bool RosterAgreesWithAnnouncements(EpochCommitment commitment)
    {
        foreach (Messages.RosterEntry entry in commitment.Roster)
        {
            if (_announced.TryGetValue(entry.ParticipantId, out Announcement? announcement))
            {
                if (!announcement.IdentityKey.AsSpan().SequenceEqual(entry.IdentityKey)
                    || !announcement.ExchangeKey.AsSpan().SequenceEqual(entry.ExchangeKey)
                    || announcement.DeviceId != entry.DeviceId)
                {
                    return false;
                }
            }
            else if (_pinnedIdentityKeys.TryGetValue(entry.ParticipantId, out byte[]? pinned) && !pinned.AsSpan().SequenceEqual(entry.IdentityKey))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adopts <paramref name="epoch"/> once both its secret and its commitment are here and agree.</summary>
    private KeyMessageOutcome TryAdopt(ulong epoch)
    {
        if (!_pendingSecrets.TryGetValue(epoch, out PendingSecret? pending) || !_pendingCommitments.TryGetValue(epoch, out EpochCommitment? commitment))
        {
            return KeyMessageOutcome.Accepted();
        }

        if (pending.LeaderId != commitment.LeaderId
            || !Keys.EpochKeySchedule.Matches(pending.Secret, MeetingId, epoch, commitment.LeaderId, commitment.RosterHash, commitment.SecretCommitment))
        {
            // Neither half can be trusted over the other; drop both and wait for the leader to re-key.
            _pendingSecrets.Remove(epoch);
            _pendingCommitments.Remove(epoch);
            CryptographicOperations.ZeroMemory(pending.Secret);
            return KeyMessageOutcome.Rejected(KeyMessageRejection.CommitmentMismatch);
        }

        Activate(commitment, pending.Secret);
        return KeyMessageOutcome.Accepted();
    }

    private void TrimPending()
    {
        ulong current = _current?.Epoch ?? 0;
        foreach (ulong epoch in _pendingSecrets.Keys.ToArray())
        {
            if ((_current is not null && epoch <= current) || _pendingSecrets.Count > MaxPendingEpochs)
            {
                CryptographicOperations.ZeroMemory(_pendingSecrets[epoch].Secret);
                _pendingSecrets.Remove(epoch);
            }
        }

        foreach (ulong epoch in _pendingCommitments.Keys.ToArray())
        {
            if ((_current is not null && epoch <= current) || _pendingCommitments.Count > MaxPendingEpochs)
            {
                _pendingCommitments.Remove(epoch);
            }
        }
    }

    private void DropPendingFrom(string participantId)
    {
        foreach (KeyValuePair<ulong, PendingSecret> pending in _pendingSecrets.ToArray())
        {
            if (pending.Value.LeaderId == participantId)
            {
                CryptographicOperations.ZeroMemory(pending.Value.Secret);
                _pendingSecrets.Remove(pending.Key);
            }
        }

        foreach (KeyValuePair<ulong, EpochCommitment> pending in _pendingCommitments.ToArray())
        {
            if (pending.Value.LeaderId == participantId)
            {
                _pendingCommitments.Remove(pending.Key);
            }
        }
    }
}
