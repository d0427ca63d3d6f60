using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Gateway.Crypto.Native;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// Protects or unprotects many RTP packets, each with its own <see cref="SrtpSession"/>, with the AES-GCM
/// work of all AEAD packets done in one native call per kind (<see cref="AeadBatch"/>): a transport batch of
/// 32 costs one managed-to-native transition instead of 32. AES-CM packets are done one by one as they are
/// added. Results are per packet and the same as the single calls would give in the order added.
/// </summary>
/// <remarks>
/// <para>Use: <see cref="AddProtectRtp"/> / <see cref="AddUnprotectRtp"/> up to <see cref="Capacity"/>
/// packets, <see cref="Run"/>, read <see cref="Result"/> and <see cref="ResultLength"/>, <see cref="Clear"/>.</para>
/// <para>
/// The batch records pointers: every buffer must stay pinned (a slab, the pinned object heap, native memory)
/// and every session undisposed until <see cref="Run"/> has returned. Outbound stream state moves at Add (so a
/// batch holding one index twice seals it once and reports <see cref="SrtpResult.Replayed"/> for the other);
/// inbound state moves in <see cref="Run"/>, packet by packet in the order added, each after its tag verified
/// and its replay check passed again against what the packets before it did.
/// </para>
/// <para>
/// One difference from single calls: the index of the second and later packets of an SSRC the session has not
/// seen is estimated from the first such packet of the batch, as if it authenticated. Only a new stream that
/// starts just before a sequence wrap and whose first packet is forged can tell.
/// </para>
/// <para>Nothing allocates after construction. A batch is used by one thread at a time.</para>
/// </remarks>
public sealed unsafe class SrtpBatch : IDisposable
{
    // Nonces are 12 bytes; a 16-byte stride keeps the 8-byte stores aligned.
    private const int NonceStride = 16;

    private readonly AeadBatch _seal;
    private readonly AeadBatch _open;
    private readonly byte[] _nonces;
    private readonly SrtpBatchSlot[] _slots;
    private int _count;
    private bool _ran;
    private bool _disposed;

    /// <summary>A batch for up to <paramref name="capacity"/> packets (32: a transport batch).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public SrtpBatch(int capacity = 32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _seal = new AeadBatch(capacity);
        _open = new AeadBatch(capacity);
        _nonces = GC.AllocateArray<byte>(capacity * NonceStride, pinned: true);
        _slots = new SrtpBatchSlot[capacity];
    }

    /// <summary>Packets added since construction or the last <see cref="Clear"/>.</summary>
    public int Count => _count;

    /// <summary>The most packets the batch holds.</summary>
    public int Capacity => _slots.Length;

    /// <summary>
    /// Adds an RTP packet to protect in place: <paramref name="length"/> bytes at <paramref name="buffer"/>, which
    /// holds <paramref name="bufferLength"/> bytes (room for the tag). Returns its position for <see cref="Result"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch is full or has run (Clear it), or the session is inbound.</exception>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative, or <paramref name="length"/> exceeds <paramref name="bufferLength"/>.</exception>
    public int AddProtectRtp(SrtpSession session, byte* buffer, int bufferLength, int length)
    {
        ref SrtpBatchSlot slot = ref Next(session, buffer, bufferLength, length, protect: true);
        var span = new Span<byte>(buffer, bufferLength);
        if (!session.Profile.IsAead())
        {
            slot.Result = session.ProtectRtp(span, length, out slot.ResultLength);
            return _count++;
        }

        slot.Result = session.PlanProtectRtp(span, length, out slot.Plan);
        if (slot.Result == SrtpResult.Ok)
        {
            var cipher = (AeadAesGcmCipher)session.Cipher;
            byte* nonce = Nonce(_count);
            cipher.WriteRtpNonce(new Span<byte>(nonce, AesContext.NonceSize), slot.Plan.Ssrc, slot.Plan.Index);
            int header = slot.Plan.HeaderLength;
            slot.AeadIndex = _seal.Count;
            slot.ResultLength = length + AesContext.TagSize;
            if (cipher.EncryptRtp)
            {
                _seal.Add(cipher.RtpKey, nonce, buffer, header, length > header ? buffer + header : null, length - header, buffer + length);
            }
            else
            {
                _seal.Add(cipher.RtpKey, nonce, buffer, length, null, 0, buffer + length);
            }
        }

        return _count++;
    }

    /// <summary>
    /// Adds an SRTP packet to unprotect in place: <paramref name="length"/> bytes at <paramref name="buffer"/>.
    /// Returns its position for <see cref="Result"/>; <see cref="ResultLength"/> is then the payload end.
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch is full or has run (Clear it), or the session is outbound.</exception>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public int AddUnprotectRtp(SrtpSession session, byte* buffer, int length)
    {
        ref SrtpBatchSlot slot = ref Next(session, buffer, length, length, protect: false);
        var span = new Span<byte>(buffer, length);
        if (!session.Profile.IsAead())
        {
            slot.Result = session.UnprotectRtp(span, length, out slot.ResultLength);
            return _count++;
        }

        slot.Result = session.PlanUnprotectRtp(span, length, out slot.Plan);
        if (slot.Result == SrtpResult.Ok)
        {
            if (slot.Plan.Stream is null)
            {
                EstimateFromEarlierPacket(ref slot, BinaryPrimitives.ReadUInt16BigEndian(span[2..]));
            }

            var cipher = (AeadAesGcmCipher)session.Cipher;
            byte* nonce = Nonce(_count);
            cipher.WriteRtpNonce(new Span<byte>(nonce, AesContext.NonceSize), slot.Plan.Ssrc, slot.Plan.Index);
            int header = slot.Plan.HeaderLength;
            int end = length - AesContext.TagSize;
            slot.AeadIndex = _open.Count;
            if (cipher.EncryptRtp)
            {
                _open.Add(cipher.RtpKey, nonce, buffer, header, end > header ? buffer + header : null, end - header, buffer + end);
            }
            else
            {
                _open.Add(cipher.RtpKey, nonce, buffer, end, null, 0, buffer + end);
            }
        }

        return _count++;
    }

    /// <summary>
    /// Seals and opens every AEAD packet added (one native call each), then settles the inbound ones in order:
    /// replay check, tag, stream state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch has run already (Clear it).</exception>
    /// <exception cref="ObjectDisposedException">The batch or a session is disposed.</exception>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ran)
        {
            ThrowRan();
        }

        _ran = true;
        if (_seal.Count > 0)
        {
            _seal.SealAll();
        }

        if (_open.Count == 0)
        {
            return;
        }

        _open.OpenAll();
        for (int i = 0; i < _count; i++)
        {
            ref SrtpBatchSlot slot = ref _slots[i];
            if (slot.Protect || slot.AeadIndex < 0)
            {
                continue;
            }

            // The order of the single call: replay check, then the tag, then the state.
            SrtpResult result = slot.Session.RecheckUnprotectRtp(ref slot.Plan);
            if (result == SrtpResult.Ok)
            {
                result = _open.Succeeded(slot.AeadIndex)
                    ? slot.Session.CommitUnprotectRtp(ref slot.Plan)
                    : SrtpResult.AuthenticationFailed;
            }

            slot.Result = result;
            slot.ResultLength = result == SrtpResult.Ok ? slot.Length - AesContext.TagSize : 0;
        }
    }

    /// <summary>The outcome of the packet at <paramref name="index"/> (the value Add returned).</summary>
    /// <exception cref="InvalidOperationException">The batch has not run.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public SrtpResult Result(int index) => Settled(index).Result;

    /// <summary>For an Ok packet: its protected length (protect) or payload end (unprotect); else 0.</summary>
    /// <exception cref="InvalidOperationException">The batch has not run.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public int ResultLength(int index)
    {
        ref readonly SrtpBatchSlot slot = ref Settled(index);
        return slot.Result == SrtpResult.Ok ? slot.ResultLength : 0;
    }

    /// <summary>Forgets every packet (and the sessions they referenced); the capacity stays.</summary>
    public void Clear()
    {
        Array.Clear(_slots, 0, _count);
        _count = 0;
        _ran = false;
        _seal.Clear();
        _open.Clear();
    }

    /// <summary>Releases the sessions and contexts the batch still references. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            Clear();
            _seal.Dispose();
            _open.Dispose();
            _disposed = true;
        }
    }

    private static void ThrowRan() =>
        throw new InvalidOperationException("The batch has run: read its results, then Clear it before adding packets again.");

    private ref SrtpBatchSlot Next(SrtpSession session, byte* buffer, int bufferLength, int length, bool protect)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(session);
        if (_ran)
        {
            ThrowRan();
        }

        if (_count == _slots.Length)
        {
            throw new InvalidOperationException($"The batch holds {_slots.Length} packets already.");
        }

        if (buffer is null && bufferLength > 0)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bufferLength);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, bufferLength);
        ref SrtpBatchSlot slot = ref _slots[_count];
        slot = new SrtpBatchSlot { Session = session, Buffer = buffer, Length = length, Protect = protect, AeadIndex = -1 };
        return ref slot;
    }

    private byte* Nonce(int slot) => (byte*)Unsafe.AsPointer(ref _nonces[slot * NonceStride]);

    // A packet of an SSRC the session has no stream for yet: if an earlier packet of this batch is the
    // stream's first, estimate this one's index from it, as the single calls would once it authenticated.
    private void EstimateFromEarlierPacket(ref SrtpBatchSlot slot, ushort sequence)
    {
        for (int i = 0; i < _count; i++)
        {
            ref SrtpBatchSlot earlier = ref _slots[i];
            if (!earlier.Protect && earlier.AeadIndex >= 0 && earlier.Plan.Stream is null
                && ReferenceEquals(earlier.Session, slot.Session) && earlier.Plan.Ssrc == slot.Plan.Ssrc)
            {
                long estimate = SrtpIndex.Estimate(earlier.Plan.Index, sequence);
                if (estimate is >= 0 and <= SrtpIndex.MaxRtpIndex)
                {
                    slot.Plan.Index = (ulong)estimate;
                }

                return;
            }
        }
    }

    private ref readonly SrtpBatchSlot Settled(int index)
    {
        if (!_ran)
        {
            throw new InvalidOperationException("The batch has not run: call Run first.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        return ref _slots[index];
    }
}
