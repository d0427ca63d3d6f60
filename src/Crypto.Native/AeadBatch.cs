namespace Gateway.Crypto.Native;

/// <summary>
/// Many AES-GCM packets sealed or opened in place in ONE native call (gw_aes_gcm_seal_batch /
/// gw_aes_gcm_open_batch): a transport batch of 32 packets costs one managed-to-native transition, not
/// 32. Each packet has its own context (a relay fans one packet out to subscribers with their own SRTP
/// keys), nonce, AAD, data and tag. Packets on Managed contexts are run one by one with the same results.
/// </summary>
/// <remarks>
/// <para>The batch records pointers, not copies: every buffer passed to <see cref="Add"/> must stay pinned
/// (a slab, the pinned object heap or native memory) and every context undisposed until the batch has run.</para>
/// <para>Nothing allocates after construction: the operations and statuses live in arrays on the pinned
/// object heap, allocated once for <see cref="Capacity"/>. A batch is used by one thread at a time.</para>
/// </remarks>
public sealed unsafe class AeadBatch : IDisposable
{
    // Status of an operation added but not run yet: not GW_OK, so Succeeded is false until it has run.
    private const int NotRun = int.MinValue;

    private readonly AeadOp[] _ops;
    private readonly int[] _status;
    private readonly AesContext?[] _contexts;
    private int _count;
    private int _nativeCount;
    private int _managedCount;
    private bool _disposed;

    /// <summary>A batch for up to <paramref name="capacity"/> packets.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public AeadBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ops = GC.AllocateArray<AeadOp>(capacity, pinned: true);
        _status = GC.AllocateArray<int>(capacity, pinned: true);
        _contexts = new AesContext?[capacity];
    }

    /// <summary>Packets added since construction or the last <see cref="Clear"/>.</summary>
    public int Count => _count;

    /// <summary>The most packets the batch holds.</summary>
    public int Capacity => _ops.Length;

    /// <summary>
    /// Adds one packet: <paramref name="dataLength"/> bytes at <paramref name="data"/> are sealed or opened
    /// in place; the 16-byte <paramref name="tag"/> is written by <see cref="SealAll"/> and read by
    /// <see cref="OpenAll"/>; <paramref name="nonce"/> is 12 bytes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch is full.</exception>
    /// <exception cref="ArgumentNullException">A required pointer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    /// <exception cref="ObjectDisposedException">The batch or the context is disposed.</exception>
    public void Add(AesContext context, byte* nonce, byte* associatedData, int associatedDataLength, byte* data, int dataLength, byte* tag)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int index = _count;
        if ((uint)index >= (uint)_ops.Length)
        {
            ThrowHelper.ThrowBatchFull(_ops.Length);
        }

        if (context is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(context));
        }

        if (context.IsDisposed)
        {
            ThrowHelper.ThrowObjectDisposed(typeof(AesContext));
        }

        if (nonce is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(nonce));
        }

        if (tag is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(tag));
        }

        CheckBuffer(associatedData, associatedDataLength, nameof(associatedData), nameof(associatedDataLength));
        CheckBuffer(data, dataLength, nameof(data), nameof(dataLength));

        nint native = context.NativeContext;
        ref AeadOp op = ref _ops[index];
        op.Context = native;
        op.Nonce = nonce;
        op.AssociatedData = associatedData;
        op.AssociatedDataLength = associatedDataLength;
        op.Data = data;
        op.DataLength = dataLength;
        op.Tag = tag;
        _status[index] = NotRun;
        _contexts[index] = context; // keeps the context (and its native memory) alive until the batch runs
        if (native != 0)
        {
            _nativeCount++;
        }
        else
        {
            _managedCount++;
        }

        _count = index + 1;
    }

    /// <summary>Forgets every packet (and the contexts they referenced); the capacity stays.</summary>
    public void Clear()
    {
        Array.Clear(_contexts, 0, _count);
        _count = 0;
        _nativeCount = 0;
        _managedCount = 0;
    }

    /// <summary>Seals every packet in place and writes its tag.</summary>
    /// <exception cref="ObjectDisposedException">The batch or one of the contexts is disposed.</exception>
    public void SealAll()
    {
        int failed = Run(seal: true);
        if (failed != 0)
        {
            // Sealing cannot fail on arguments Add has checked.
            ThrowHelper.ThrowNativeFailure("gw_aes_gcm_seal_batch", _status[FirstFailure()]);
        }
    }

    /// <summary>
    /// Opens every packet in place. Returns how many failed authentication (see <see cref="Succeeded"/>
    /// for which); each failed packet's data is zeroed, the others are opened normally.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The batch or one of the contexts is disposed.</exception>
    public int OpenAll() => Run(seal: false);

    /// <summary>True when the packet at <paramref name="index"/> was sealed or opened (tag verified) by the last run.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public bool Succeeded(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(index), $"The batch holds {_count} packets.");
        }

        return _status[index] == NativeStatus.Ok;
    }

    /// <summary>Releases the contexts the batch still references. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            Clear();
            _disposed = true;
        }
    }

    private static void CheckBuffer(byte* pointer, int length, string pointerName, string lengthName)
    {
        if (length < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(lengthName, "A length cannot be negative.");
        }

        if (pointer is null && length > 0)
        {
            ThrowHelper.ThrowArgumentNull(pointerName);
        }
    }

    private int Run(bool seal)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int count = _count;
        for (int i = 0; i < count; i++)
        {
            // A context disposed since Add would have its native memory freed under the call.
            if (_contexts[i]!.IsDisposed)
            {
                ThrowHelper.ThrowObjectDisposed(typeof(AesContext));
            }
        }

        if (_nativeCount > 0)
        {
            fixed (AeadOp* ops = _ops)
            fixed (int* status = _status)
            {
                // Managed packets (Context == 0) come back as GW_ERR_ARGUMENT, untouched; they run below.
                int result = seal ? Interop.Aes.GcmSealBatch(ops, count, status) : Interop.Aes.GcmOpenBatch(ops, count, status);
                if (result < 0)
                {
                    ThrowHelper.ThrowNativeFailure(seal ? "gw_aes_gcm_seal_batch" : "gw_aes_gcm_open_batch", result);
                }
            }
        }

        if (_managedCount > 0)
        {
            RunManaged(seal, count);
        }

        int failed = 0;
        for (int i = 0; i < count; i++)
        {
            failed += _status[i] != NativeStatus.Ok ? 1 : 0;
        }

        return failed;
    }

    private void RunManaged(bool seal, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ref AeadOp op = ref _ops[i];
            if (op.Context != 0)
            {
                continue;
            }

            ManagedAesGcm managed = _contexts[i]!.ManagedTwin!;
            var nonce = new ReadOnlySpan<byte>(op.Nonce, AesContext.NonceSize);
            var associatedData = new ReadOnlySpan<byte>(op.AssociatedData, op.AssociatedDataLength);
            var data = new Span<byte>(op.Data, op.DataLength);
            var tag = new Span<byte>(op.Tag, AesContext.TagSize);
            if (seal)
            {
                managed.Seal(nonce, data, data, tag, associatedData);
                _status[i] = NativeStatus.Ok;
            }
            else
            {
                _status[i] = managed.TryOpen(nonce, data, tag, data, associatedData) ? NativeStatus.Ok : NativeStatus.Authentication;
            }
        }
    }

    private int FirstFailure()
    {
        int i = 0;
        while (_status[i] == NativeStatus.Ok)
        {
            i++;
        }

        return i;
    }
}
