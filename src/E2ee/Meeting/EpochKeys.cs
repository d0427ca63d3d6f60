using System.Security.Cryptography;
using Gateway.E2ee.Keys;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Meeting;

/// <summary>
/// One epoch's keys as the media path needs them: who sends under which index, and each sender's SFrame
/// base key on demand. Valid until the next epoch starts or the agent is disposed; after that the epoch
/// secret is wiped and <see cref="DeriveSenderBaseKey"/> throws.
/// </summary>
public sealed class EpochKeys
{
    private readonly byte[] _secret;

    internal EpochKeys(ulong epoch, string leaderId, string securityCode, IReadOnlyDictionary<string, int> senderIndexes, int ownSenderIndex, ReadOnlySpan<byte> secret)
    {
        Epoch = epoch;
        LeaderId = leaderId;
        SecurityCode = securityCode;
        SenderIndexes = senderIndexes;
        OwnSenderIndex = ownSenderIndex;
        _secret = secret.ToArray();
    }

    /// <summary>Bits of the sender index in the KID (RFC 9605 §5.2 layout).</summary>
    public const int SenderIndexBits = 16;

    /// <summary>Low bits of the epoch in the KID.</summary>
    public const int EpochBits = 16;

    /// <summary>Size of a sender base key.</summary>
    public const int BaseKeySize = EpochKeySchedule.SenderBaseKeySize;

    /// <summary>The epoch number.</summary>
    public ulong Epoch { get; }

    /// <summary>The leader that made the epoch.</summary>
    public string LeaderId { get; }

    /// <summary>The security code of the epoch (see <see cref="Keys.SecurityCode"/>).</summary>
    public string SecurityCode { get; }

    /// <summary>Sender index of every participant of the epoch, this one included.</summary>
    public IReadOnlyDictionary<string, int> SenderIndexes { get; }

    /// <summary>This participant's sender index.</summary>
    public int OwnSenderIndex { get; }

    /// <summary>Whether the epoch is over and its secret wiped.</summary>
    public bool IsExpired { get; private set; }

    /// <summary>The SFrame KID of <paramref name="senderIndex"/> in this epoch: context 0, 16 bits of index, 16 low bits of epoch.</summary>
    public ulong KeyIdOf(int senderIndex) => SFrameKeyId.Compose(0, checked((ulong)senderIndex), Epoch, SenderIndexBits, EpochBits);

    /// <summary>Writes the SFrame base key of <paramref name="senderIndex"/> into the first <see cref="BaseKeySize"/> bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ObjectDisposedException">The epoch is over.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No participant of the epoch has this index.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="BaseKeySize"/>.</exception>
    public void DeriveSenderBaseKey(int senderIndex, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(IsExpired, this);
        ArgumentOutOfRangeException.ThrowIfNegative(senderIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(senderIndex, SenderIndexes.Count);
        if (destination.Length < BaseKeySize)
        {
            throw new ArgumentException($"The destination needs {BaseKeySize} bytes.", nameof(destination));
        }

        EpochKeySchedule.DeriveSenderBaseKey(_secret, Epoch, senderIndex, destination[..BaseKeySize]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"EpochKeys(epoch {Epoch}, leader {LeaderId}, {SenderIndexes.Count} senders, own index {OwnSenderIndex}{(IsExpired ? ", expired" : "")})";

    internal ReadOnlySpan<byte> Secret => _secret;

    internal void Expire()
    {
        IsExpired = true;
        CryptographicOperations.ZeroMemory(_secret);
    }
}
