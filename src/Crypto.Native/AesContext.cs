using System.Runtime.CompilerServices;

namespace Gateway.Crypto.Native;

/// <summary>
/// One AES key (16 bytes: AES-128, 32 bytes: AES-256) with everything precomputed for it: AES-GCM
/// seal/open (NIST SP 800-38D, 12-byte nonce, 16-byte tag), AES-CTR with a 128-bit counter and single
/// blocks, on the native implementation chosen at creation or on the managed twin.
/// </summary>
/// <remarks>
/// <para>No call allocates (the managed twin allocates only when an open fails: see <see cref="TryOpenGcm(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/>).
/// Outputs may be the very same memory as the inputs (in place); partly overlapping buffers are refused.</para>
/// <para>A context may be used from several threads at once. Dispose it once nothing else uses it:
/// calls racing with Dispose are a programming error (the native context is freed under them).
/// Use after Dispose throws <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public sealed class AesContext : IDisposable
{
    /// <summary>The AES-GCM nonce (IV) length: 96 bits (SP 800-38D §5.2.1.1, the length RFC 7714 uses).</summary>
    public const int NonceSize = 12;

    /// <summary>The AES-GCM tag length: 128 bits.</summary>
    public const int TagSize = 16;

    /// <summary>
    /// Seals and opens of up to this many bytes (data and associated data: any RTP or RTCP packet) call the native
    /// code without a GC transition (see Interop.Aes); longer ones with it, so a GC never waits long on them.
    /// </summary>
    public const int ShortCallBytes = 2048;

    /// <summary>The AES block length, and the AES-CTR counter block length.</summary>
    public const int BlockSize = 16;

    private readonly AesContextHandle? _handle;
    private nint _native;
    private ManagedAesGcm? _managed;

    private AesContext(AesContextHandle handle, AesImplementation implementation)
    {
        _handle = handle;
        _native = handle.DangerousGetHandle();
        Implementation = implementation;
    }

    private AesContext(ManagedAesGcm managed)
    {
        _managed = managed;
        Implementation = AesImplementation.Managed;
    }

    /// <summary>The implementation this context runs (never <see cref="AesImplementation.Auto"/>).</summary>
    public AesImplementation Implementation { get; }

    /// <summary>The native gw_aes_ctx, or 0 for a Managed context or after Dispose.</summary>
    internal nint NativeContext => _native;

    /// <summary>
    /// The key schedule and GHASH powers a seal or open reads, for a holder to prefetch without reading this object
    /// first (see <see cref="PrefetchTarget"/>); nothing for a Managed context. A forwarding loop asks for every
    /// subscriber's before it seals for the first.
    /// </summary>
    public PrefetchTarget KeySchedule => new(_native, ContextLines);

    // gw_aes_ctx: round keys (4 lines), GHASH powers (5) and the rounds/vtable line.
    private const int ContextLines = 10;

    /// <summary>The managed twin, or null for a native context or after Dispose.</summary>
    internal ManagedAesGcm? ManagedTwin => _managed;

    internal bool IsDisposed => _native == 0 && _managed is null;

    /// <summary>
    /// Expands <paramref name="key"/> for <paramref name="implementation"/>; <see cref="AesImplementation.Auto"/>
    /// means <see cref="CryptoBackend.Default"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not 16 or 32 bytes, or this machine cannot run the implementation.</exception>
    /// <exception cref="InvalidOperationException">Auto, and GATEWAY_CRYPTO names something this machine cannot run (see <see cref="CryptoBackend.Default"/>).</exception>
    public static unsafe AesContext Create(ReadOnlySpan<byte> key, AesImplementation implementation = AesImplementation.Auto)
    {
        if (key.Length is not (16 or 32))
        {
            ThrowHelper.ThrowKeyLength(nameof(key), key.Length);
        }

        AesImplementation resolved = implementation == AesImplementation.Auto
            ? CryptoBackend.Default
            : CryptoBackend.Resolve(implementation, NativeSupport.Current, nameof(implementation));
        if (resolved == AesImplementation.Managed)
        {
            return new AesContext(new ManagedAesGcm(key));
        }

        var handle = new AesContextHandle();
        nint context;
        int status;
        fixed (byte* k = key)
        {
            status = Interop.Aes.ContextCreate(k, key.Length, (int)resolved, &context);
        }

        if (status != NativeStatus.Ok)
        {
            handle.Dispose();
            ThrowHelper.ThrowCreateFailed(resolved, status, nameof(implementation));
        }

        handle.Adopt(context);
        return new AesContext(handle, (AesImplementation)Interop.Aes.ContextImplementation(context));
    }

    /// <summary>
    /// AES-GCM authenticated encryption: <paramref name="ciphertext"/>[..plaintext.Length] and the 16-byte
    /// <paramref name="tag"/> from <paramref name="plaintext"/> and <paramref name="associatedData"/>.
    /// A nonce must never repeat under one key (SP 800-38D §8).
    /// </summary>
    /// <exception cref="ArgumentException">Nonce not 12 bytes, tag not 16, ciphertext shorter than plaintext, or partly overlapping buffers.</exception>
    public unsafe void SealGcm(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        CheckGcm(nonce, tag.Length, plaintext, ciphertext, nameof(plaintext), nameof(ciphertext));
        fixed (byte* n = nonce)
        fixed (byte* a = associatedData)
        fixed (byte* p = plaintext)
        fixed (byte* c = ciphertext)
        fixed (byte* t = tag)
        {
            SealGcm(n, a, associatedData.Length, p, c, plaintext.Length, t);
        }
    }

    /// <summary>
    /// AES-GCM authenticated decryption into <paramref name="plaintext"/>[..ciphertext.Length]. Returns false
    /// when the tag does not verify (wrong key, nonce, AAD, ciphertext or tag); the output then holds zeros,
    /// never unauthenticated plaintext. The tag comparison is constant-time.
    /// </summary>
    /// <remarks>
    /// Native implementations report a failure as a value at the cost of a good open. The Managed twin
    /// catches <see cref="System.Security.Cryptography.AuthenticationTagMismatchException"/> from AesGcm:
    /// about 4 µs and 300 bytes of garbage per failed open (a good one: under 1 µs, nothing allocated).
    /// </remarks>
    /// <exception cref="ArgumentException">Nonce not 12 bytes, tag not 16, plaintext shorter than ciphertext, tag overlapping the output, or partly overlapping buffers.</exception>
    public unsafe bool TryOpenGcm(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        CheckGcm(nonce, tag.Length, ciphertext, plaintext, nameof(ciphertext), nameof(plaintext));
        if (tag.Overlaps(plaintext[..ciphertext.Length]))
        {
            ThrowHelper.ThrowTagOverlapsOutput(nameof(tag), nameof(plaintext));
        }

        fixed (byte* n = nonce)
        fixed (byte* a = associatedData)
        fixed (byte* c = ciphertext)
        fixed (byte* p = plaintext)
        fixed (byte* t = tag)
        {
            return TryOpenGcm(n, a, associatedData.Length, c, p, ciphertext.Length, t);
        }
    }

    /// <summary>
    /// <see cref="SealGcm(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, Span{byte}, ReadOnlySpan{byte})"/> on
    /// memory the caller holds pinned and has checked: a 12-byte nonce, <paramref name="length"/> bytes of input and
    /// of output (the same memory, or not overlapping), a 16-byte tag. For per-packet callers (SRTP): spans handed
    /// through the checked overload are copied through the stack in ways that stall the store buffer, which at one
    /// call per subscriber per packet cost as much as the encryption of a small packet.
    /// </summary>
    public unsafe void SealGcm(byte* nonce, byte* associatedData, int associatedDataLength, byte* plaintext, byte* ciphertext, int length, byte* tag)
    {
        nint context = _native;
        if (context == 0)
        {
            SealManaged(nonce, associatedData, associatedDataLength, plaintext, ciphertext, length, tag);
            return;
        }

        int status = length + associatedDataLength <= ShortCallBytes
            ? Interop.Aes.GcmSealShort(context, nonce, associatedData, associatedDataLength, plaintext, ciphertext, length, tag)
            : SealLong(context, nonce, associatedData, associatedDataLength, plaintext, ciphertext, length, tag);
        GC.KeepAlive(_handle);
        if (status != NativeStatus.Ok)
        {
            ThrowHelper.ThrowNativeFailure("gw_aes_gcm_seal", status);
        }
    }

    /// <summary>
    /// <see cref="TryOpenGcm(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/>
    /// on memory the caller holds pinned and has checked, as <see cref="SealGcm(byte*, byte*, int, byte*, byte*, int, byte*)"/>;
    /// the tag must not lie in the output.
    /// </summary>
    public unsafe bool TryOpenGcm(byte* nonce, byte* associatedData, int associatedDataLength, byte* ciphertext, byte* plaintext, int length, byte* tag)
    {
        nint context = _native;
        if (context == 0)
        {
            return OpenManaged(nonce, associatedData, associatedDataLength, ciphertext, plaintext, length, tag);
        }

        int status = length + associatedDataLength <= ShortCallBytes
            ? Interop.Aes.GcmOpenShort(context, nonce, associatedData, associatedDataLength, ciphertext, plaintext, length, tag)
            : OpenLong(context, nonce, associatedData, associatedDataLength, ciphertext, plaintext, length, tag);
        GC.KeepAlive(_handle);
        if (status == NativeStatus.Ok)
        {
            return true;
        }

        if (status != NativeStatus.Authentication)
        {
            ThrowHelper.ThrowNativeFailure("gw_aes_gcm_open", status);
        }

        return false;
    }

    /// <summary>
    /// AES-CTR: <paramref name="output"/>[..input.Length] = input XOR keystream, where the keystream is
    /// AES(counter), AES(counter + 1), ... with the whole 16-byte <paramref name="counter"/> a big-endian
    /// integer (SRTP's AES-CM, RFC 3711 §4.1.1, and its key-derivation PRF, §4.3.3). In place allowed.
    /// </summary>
    /// <exception cref="ArgumentException">Counter not 16 bytes, output shorter than input, or partly overlapping buffers.</exception>
    public unsafe void TransformCtr(ReadOnlySpan<byte> counter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (counter.Length != BlockSize)
        {
            ThrowHelper.ThrowWrongLength(nameof(counter), BlockSize, counter.Length);
        }

        CheckInOut(input, output, nameof(input), nameof(output));
        Ctr(counter, input, output[..input.Length], xor: true);
    }

    /// <summary>The bare AES-CTR keystream for <paramref name="counter"/> (see <see cref="TransformCtr"/>) into all of <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">Counter not 16 bytes.</exception>
    public void KeyStreamCtr(ReadOnlySpan<byte> counter, Span<byte> output)
    {
        if (counter.Length != BlockSize)
        {
            ThrowHelper.ThrowWrongLength(nameof(counter), BlockSize, counter.Length);
        }

        Ctr(counter, default, output, xor: false);
    }

    /// <summary>The AES forward cipher on one 16-byte block (FIPS 197) into <paramref name="output"/>[..16]. In place allowed.</summary>
    /// <exception cref="ArgumentException">Input not 16 bytes, output shorter, or partly overlapping buffers.</exception>
    public unsafe void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length != BlockSize)
        {
            ThrowHelper.ThrowWrongLength(nameof(input), BlockSize, input.Length);
        }

        CheckInOut(input, output, nameof(input), nameof(output));
        nint context = _native;
        if (context == 0)
        {
            Managed().EncryptBlock(input, output[..BlockSize]);
            return;
        }

        int status;
        fixed (byte* i = input)
        fixed (byte* o = output)
        {
            status = Interop.Aes.EncryptBlock(context, i, o);
        }

        GC.KeepAlive(_handle);
        if (status != NativeStatus.Ok)
        {
            ThrowHelper.ThrowNativeFailure("gw_aes_encrypt_block", status);
        }
    }

    /// <summary>Wipes and frees the expanded key. Calling it again does nothing.</summary>
    public void Dispose()
    {
        _native = 0;
        _managed?.Dispose();
        _managed = null;
        _handle?.Dispose();
    }

    private unsafe void Ctr(ReadOnlySpan<byte> counter, ReadOnlySpan<byte> input, Span<byte> output, bool xor)
    {
        nint context = _native;
        if (context == 0)
        {
            Managed().Ctr(counter, input, output, xor);
            return;
        }

        int status;
        fixed (byte* c = counter)
        fixed (byte* i = input)
        fixed (byte* o = output)
        {
            // in == NULL asks gw_aes_ctr_xor for the bare keystream.
            status = Interop.Aes.CtrXor(context, c, xor ? i : null, o, output.Length);
        }

        GC.KeepAlive(_handle);
        if (status != NativeStatus.Ok)
        {
            ThrowHelper.ThrowNativeFailure("gw_aes_ctr_xor", status);
        }
    }

    private ManagedAesGcm Managed()
    {
        ManagedAesGcm? managed = _managed;
        if (managed is null)
        {
            ThrowHelper.ThrowObjectDisposed(typeof(AesContext));
        }

        return managed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckGcm(ReadOnlySpan<byte> nonce, int tagLength, ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, string inputName, string outputName)
    {
        if (nonce.Length != NonceSize)
        {
            ThrowHelper.ThrowWrongLength(nameof(nonce), NonceSize, nonce.Length);
        }

        if (tagLength != TagSize)
        {
            ThrowHelper.ThrowWrongLength("tag", TagSize, tagLength);
        }

        CheckInOut(input, output, inputName, outputName);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckInOut(ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, string inputName, string outputName)
    {
        if (output.Length < input.Length)
        {
            ThrowHelper.ThrowOutputTooShort(outputName, input.Length, output.Length);
        }

        // Same start (in place) is fine; any other overlap would read bytes already overwritten.
        if (input.Overlaps(output, out int offset) && offset != 0)
        {
            ThrowHelper.ThrowPartialOverlap(inputName, outputName);
        }
    }

    // The transitioning calls live in methods of their own: a P/Invoke with a GC transition makes its caller set up
    // a transition frame (a runtime call) on every call, even when the suppressed one is taken.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe int SealLong(nint context, byte* nonce, byte* associatedData, int associatedDataLength, byte* input, byte* output, int length, byte* tag) =>
        Interop.Aes.GcmSeal(context, nonce, associatedData, associatedDataLength, input, output, length, tag);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe int OpenLong(nint context, byte* nonce, byte* associatedData, int associatedDataLength, byte* input, byte* output, int length, byte* tag) =>
        Interop.Aes.GcmOpen(context, nonce, associatedData, associatedDataLength, input, output, length, tag);

    // The managed twin works on spans: made here, off the native path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe void SealManaged(byte* nonce, byte* associatedData, int associatedDataLength, byte* plaintext, byte* ciphertext, int length, byte* tag) =>
        Managed().Seal(new ReadOnlySpan<byte>(nonce, NonceSize), new ReadOnlySpan<byte>(plaintext, length), new Span<byte>(ciphertext, length),
            new Span<byte>(tag, TagSize), new ReadOnlySpan<byte>(associatedData, associatedDataLength));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe bool OpenManaged(byte* nonce, byte* associatedData, int associatedDataLength, byte* ciphertext, byte* plaintext, int length, byte* tag) =>
        Managed().TryOpen(new ReadOnlySpan<byte>(nonce, NonceSize), new ReadOnlySpan<byte>(ciphertext, length), new ReadOnlySpan<byte>(tag, TagSize),
            new Span<byte>(plaintext, length), new ReadOnlySpan<byte>(associatedData, associatedDataLength));
}
