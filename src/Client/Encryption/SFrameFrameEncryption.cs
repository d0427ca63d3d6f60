using Gateway.E2ee.SFrame;

namespace Gateway.Client.Encryption;

/// <summary>
/// <see cref="IFrameEncryption"/> on an SFrame context (RFC 9605): frames are protected under the send key (its
/// KID names this sender) and unprotected with the receive key their header names. The RTP SSRC is not part of the
/// SFrame metadata (the gateway may rewrite SSRCs, see docs/relay.md), so the metadata is empty.
/// </summary>
/// <remarks>
/// The context allows one sending and one receiving thread; this adapter adds a lock per side, because the audio and
/// video publishers send from their own threads and keys are installed from the session's event loop while the
/// receive loop decrypts. Uncontended, the locks cost a few nanoseconds and allocate nothing.
/// </remarks>
public sealed class SFrameFrameEncryption : IFrameEncryption, IDisposable
{
    private readonly SFrameContext _context;
    private readonly Lock _sendLock = new();
    private readonly Lock _receiveLock = new();

    /// <summary>An adapter over a new context for <paramref name="suite"/>.</summary>
    public SFrameFrameEncryption(SFrameCipherSuite suite = SFrameCipherSuite.AesGcm128Sha256_128)
    {
        _context = new SFrameContext(suite);
    }

    /// <inheritdoc/>
    public int MaxOverhead => _context.MaxOverhead;

    /// <summary>Installs the send key: frames are then protected under <paramref name="keyId"/>.</summary>
    public void SetSendKey(ulong keyId, ReadOnlySpan<byte> baseKey)
    {
        lock (_sendLock)
        {
            _context.SetSendKey(keyId, baseKey);
        }
    }

    /// <summary>Installs (or replaces) the receive key of <paramref name="keyId"/>.</summary>
    public void AddReceiveKey(ulong keyId, ReadOnlySpan<byte> baseKey)
    {
        lock (_receiveLock)
        {
            _context.AddReceiveKey(keyId, baseKey);
        }
    }

    /// <summary>Removes the receive key of <paramref name="keyId"/>.</summary>
    public bool RemoveReceiveKey(ulong keyId)
    {
        lock (_receiveLock)
        {
            return _context.RemoveReceiveKey(keyId);
        }
    }

    /// <inheritdoc/>
    public bool TryProtect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written)
    {
        lock (_sendLock)
        {
            return _context.Protect(default, frame, destination, out written) == SFrameStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public FrameDecryptResult TryUnprotect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written)
    {
        SFrameStatus status;
        lock (_receiveLock)
        {
            status = _context.Unprotect(default, frame, destination, out written, out _);
        }

        return Map(status);
    }

    /// <summary>An SFrame outcome as a <see cref="FrameDecryptResult"/>.</summary>
    internal static FrameDecryptResult Map(SFrameStatus status) => status switch
    {
        SFrameStatus.Ok => FrameDecryptResult.Ok,
        SFrameStatus.UnknownKeyId => FrameDecryptResult.NoKey,
        SFrameStatus.AuthenticationFailed => FrameDecryptResult.AuthenticationFailed,
        SFrameStatus.Replayed => FrameDecryptResult.Replayed,
        SFrameStatus.DestinationTooSmall => FrameDecryptResult.BufferTooSmall,
        _ => FrameDecryptResult.Malformed,
    };

    /// <summary>Wipes the keys.</summary>
    public void Dispose()
    {
        lock (_sendLock)
        {
            lock (_receiveLock)
            {
                _context.Dispose();
            }
        }
    }
}
