using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Gateway.Crypto.Native.Replay;

namespace Gateway.E2ee.SFrame;

/// <summary>
/// SFrame (RFC 9605) for one participant: one send key, whose CTR counts the frames protected under it,
/// and any number of receive keys by KID, each with its replay window.
/// <code>
///   SFrame ciphertext = | header (KID, CTR): 1-17 | encrypted frame | tag: Nt |
///   AAD = header || metadata;  nonce = sframe_salt XOR CTR
/// </code>
/// </summary>
/// <remarks>
/// <para>Keys are derived (HKDF) and expanded (AES key schedule) when they are installed; <see cref="Protect"/>
/// and <see cref="Unprotect"/> allocate nothing and derive nothing. Keys are wiped when replaced, removed or
/// disposed.</para>
/// <para>Not thread-safe. The sending side (<see cref="SetSendKey"/>, <see cref="Protect"/>) and the
/// receiving side (<see cref="AddReceiveKey"/>, <see cref="RemoveReceiveKey"/>, <see cref="Unprotect"/>)
/// share no state, so one thread may send while another receives; each side must be used by one thread
/// at a time, and <see cref="Dispose"/> only once neither is in use.</para>
/// </remarks>
public sealed class SFrameContext : IDisposable
{
    private readonly Dictionary<ulong, SFrameReceiveKey> _receiveKeys = [];
    private readonly int _replayWindow;

    // One nonce buffer per side (the sides may run on two threads). A heap buffer rather than stackalloc:
    // measured about 5 ns a frame faster at 1200 bytes, the native AES-GCM reading the fresh nonce from the
    // stack just below its own frame.
    private readonly byte[] _sendNonce = new byte[SFrameKey.NonceBufferSize];
    private readonly byte[] _receiveNonce = new byte[SFrameKey.NonceBufferSize];
    private SFrameKey? _sendKey;
    private ulong _nextCounter;
    private bool _counterExhausted;
    private SFrameReceiveKey? _lastReceiveKey;
    private bool _disposed;

    /// <summary>A context for <paramref name="suite"/> whose receive keys each accept frames up to <paramref name="replayWindow"/> counters behind the newest.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The suite is not 1 to 5, or the window is not 1 to 65536.</exception>
    public SFrameContext(SFrameCipherSuite suite = SFrameCipherSuite.AesGcm256Sha512_128, int replayWindow = 128)
    {
        SFrameSuite.ThrowIfUndefined(suite, nameof(suite));
        ArgumentOutOfRangeException.ThrowIfLessThan(replayWindow, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replayWindow, 65536);
        Suite = suite;
        _replayWindow = replayWindow;
        TagSize = SFrameSuite.TagSize(suite);
        MaxOverhead = SFrameHeader.MaxLength + TagSize;
    }

    /// <summary>The cipher suite of every key of this context.</summary>
    public SFrameCipherSuite Suite { get; }

    /// <summary>The largest header plus the tag: a destination of plaintext length + this always suffices for <see cref="Protect"/>.</summary>
    public int MaxOverhead { get; }

    /// <summary>Nt, the tag length of <see cref="Suite"/>.</summary>
    public int TagSize { get; }

    /// <summary>The number of receive keys installed.</summary>
    public int ReceiveKeyCount => _receiveKeys.Count;

    /// <summary>Whether a send key is installed.</summary>
    public bool HasSendKey => _sendKey is not null;

    /// <summary>The KID of the send key (0 when there is none).</summary>
    public ulong SendKeyId => _sendKey?.KeyId ?? 0;

    /// <summary>The CTR the next protected frame will carry.</summary>
    public ulong NextCounter => _nextCounter;

    /// <summary>The size of a destination that holds <see cref="Protect"/>'s output for this plaintext length at the current counter.</summary>
    public int ProtectedLength(int plaintextLength) =>
        SFrameHeader.EncodedLength(SendKeyId, _nextCounter) + plaintextLength + TagSize;

    /// <summary>Derives and installs the send key for <paramref name="keyId"/> (replacing and wiping any previous one); the counter restarts at 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="baseKey"/> is empty.</exception>
    public void SetSendKey(ulong keyId, ReadOnlySpan<byte> baseKey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfEmpty(baseKey);
        SFrameKey key = SFrameKey.Derive(Suite, keyId, baseKey);
        _sendKey?.Dispose();
        _sendKey = key;
        _nextCounter = 0;
        _counterExhausted = false;
    }

    /// <summary>Derives and installs a receive key; a key already installed under <paramref name="keyId"/> is wiped and replaced, with a fresh replay window.</summary>
    /// <exception cref="ArgumentException"><paramref name="baseKey"/> is empty.</exception>
    public void AddReceiveKey(ulong keyId, ReadOnlySpan<byte> baseKey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfEmpty(baseKey);
        var key = new SFrameReceiveKey(SFrameKey.Derive(Suite, keyId, baseKey), _replayWindow);
        if (_receiveKeys.Remove(keyId, out SFrameReceiveKey? old))
        {
            old.Dispose();
        }

        _receiveKeys.Add(keyId, key);
        _lastReceiveKey = null;
    }

    /// <summary>Removes and wipes the receive key of <paramref name="keyId"/>; false when there was none.</summary>
    public bool RemoveReceiveKey(ulong keyId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_receiveKeys.Remove(keyId, out SFrameReceiveKey? old))
        {
            return false;
        }

        _lastReceiveKey = null;
        old.Dispose();
        return true;
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> under the send key with the next CTR into <paramref name="destination"/>
    /// as header || ciphertext || tag; <paramref name="metadata"/> is authenticated, not sent (RFC 9605 §4.4.3).
    /// The counter moves on only when the status is <see cref="SFrameStatus.Ok"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="plaintext"/> and <paramref name="destination"/> overlap.</exception>
    public SFrameStatus Protect(ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> plaintext, Span<byte> destination, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        written = 0;
        SFrameKey? key = _sendKey;
        if (key is null)
        {
            return SFrameStatus.NoSendKey;
        }

        if (_counterExhausted)
        {
            return SFrameStatus.CounterExhausted;
        }

        ulong counter = _nextCounter;
        SFrameStatus status = ProtectCore(key, counter, metadata, plaintext, destination, out written);
        if (status == SFrameStatus.Ok)
        {
            // CTR is at most 64 bits on the wire: after the last value the key is used up, never reused.
            if (counter == ulong.MaxValue)
            {
                _counterExhausted = true;
            }
            else
            {
                _nextCounter = counter + 1;
            }
        }

        return status;
    }

    /// <summary>
    /// Authenticates and decrypts an SFrame ciphertext with the receive key its header names, into
    /// <paramref name="destination"/> (needs the ciphertext length less header and tag). On any status but
    /// <see cref="SFrameStatus.Ok"/> no plaintext is output and the replay window is unchanged.
    /// <paramref name="keyId"/> is the header's KID whenever the header could be read, else 0.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="sframeCiphertext"/> and <paramref name="destination"/> overlap.</exception>
    public SFrameStatus Unprotect(ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> sframeCiphertext, Span<byte> destination, out int written, out ulong keyId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        written = 0;
        if (!SFrameHeader.TryRead(sframeCiphertext, out keyId, out ulong counter, out int headerLength))
        {
            return SFrameStatus.Malformed;
        }

        int ciphertextLength = sframeCiphertext.Length - headerLength - TagSize;
        if (ciphertextLength < 0)
        {
            return SFrameStatus.Malformed;
        }

        SFrameReceiveKey? receiveKey = _lastReceiveKey;
        if (receiveKey is null || receiveKey.Key.KeyId != keyId)
        {
            if (!_receiveKeys.TryGetValue(keyId, out receiveKey))
            {
                return SFrameStatus.UnknownKeyId;
            }

            _lastReceiveKey = receiveKey;
        }

        if (destination.Length < ciphertextLength)
        {
            return SFrameStatus.DestinationTooSmall;
        }

        if (sframeCiphertext.Overlaps(destination[..ciphertextLength]))
        {
            ThrowOverlap(nameof(sframeCiphertext), nameof(destination));
        }

        if (receiveKey.Window.Check(counter) != ReplayCheck.Fresh)
        {
            return SFrameStatus.Replayed;
        }

        Span<byte> nonce = _receiveNonce;
        receiveKey.Key.WriteNonce(counter, nonce);
        nonce = nonce[..SFrameSuite.NonceSize];
        int tagStart = headerLength + ciphertextLength;
        if (!receiveKey.Key.TryOpen(
            nonce,
            sframeCiphertext[..headerLength],
            metadata,
            sframeCiphertext[headerLength..tagStart],
            sframeCiphertext[tagStart..],
            destination[..ciphertextLength]))
        {
            return SFrameStatus.AuthenticationFailed;
        }

        receiveKey.Window.Accept(counter);
        written = ciphertextLength;
        return SFrameStatus.Ok;
    }

    /// <summary>Wipes every key. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Array.Clear(_sendNonce);
        Array.Clear(_receiveNonce);
        _sendKey?.Dispose();
        _sendKey = null;
        foreach (SFrameReceiveKey key in _receiveKeys.Values)
        {
            key.Dispose();
        }

        _receiveKeys.Clear();
        _lastReceiveKey = null;
    }

    /// <summary>Protect with a given CTR, leaving the send counter alone: for the RFC vectors only.</summary>
    internal SFrameStatus ProtectWithCounter(ulong counter, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> plaintext, Span<byte> destination, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        written = 0;
        return _sendKey is null
            ? SFrameStatus.NoSendKey
            : ProtectCore(_sendKey, counter, metadata, plaintext, destination, out written);
    }

    /// <summary>Moves the send counter (tests of counter exhaustion).</summary>
    internal void SetNextCounter(ulong counter)
    {
        _nextCounter = counter;
        _counterExhausted = false;
    }

    /// <summary>Forgets the replay window of a receive key (benchmarks that unprotect a ring of frames again and again).</summary>
    internal bool ResetReplayWindow(ulong keyId)
    {
        if (!_receiveKeys.TryGetValue(keyId, out SFrameReceiveKey? key))
        {
            return false;
        }

        key.Window.Reset();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SFrameStatus ProtectCore(SFrameKey key, ulong counter, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> plaintext, Span<byte> destination, out int written)
    {
        written = 0;
        int headerLength = SFrameHeader.EncodedLength(key.KeyId, counter);
        int total = headerLength + plaintext.Length + TagSize;
        if (destination.Length < total)
        {
            return SFrameStatus.DestinationTooSmall;
        }

        if (plaintext.Overlaps(destination[..total]))
        {
            ThrowOverlap(nameof(plaintext), nameof(destination));
        }

        SFrameHeader.WriteFrameHeader(destination[..total], key.KeyId, counter);
        Span<byte> nonce = _sendNonce;
        key.WriteNonce(counter, nonce);
        nonce = nonce[..SFrameSuite.NonceSize];
        int tagStart = headerLength + plaintext.Length;
        key.Seal(
            nonce,
            destination[..headerLength],
            metadata,
            plaintext,
            destination[headerLength..tagStart],
            destination.Slice(tagStart, TagSize));
        written = total;
        return SFrameStatus.Ok;
    }

    private static void ThrowIfEmpty(ReadOnlySpan<byte> baseKey)
    {
        if (baseKey.IsEmpty)
        {
            throw new ArgumentException("An SFrame base key must not be empty.", nameof(baseKey));
        }
    }

    [DoesNotReturn]
    private static void ThrowOverlap(string inputName, string outputName) =>
        throw new ArgumentException($"{inputName} and {outputName} must not overlap.", outputName);
}
