using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// A transport batch: 32 packets of 1200 bytes (each with its own nonce and RTP header) sealed or
/// opened in place with the best native implementation, three ways: one <see cref="AeadBatch"/> call,
/// 32 single <see cref="AesContext"/> calls, and the plain C loop over the same 32 ops. Every method
/// does 32 packets, so BenchmarkDotNet reports the time per packet (OperationsPerInvoke = 32).
/// </summary>
/// <remarks>
/// Opening in place turns a packet into plaintext, so every open method first restores the 32
/// sealed packets from a master copy (32 x 1200-byte copies, the same in all three) and then opens.
/// The batch methods rebuild the batch (Clear + 32 Add) per call, as a transport worker does for
/// each receive batch; SealAllPrebuilt shows the cost of the native call alone.
/// </remarks>
[MemoryDiagnoser]
public unsafe class AesGcmBatchBenchmarks
{
    public const int Packets = 32;
    public const int PacketSize = 1200;

    private AesContext _context = null!;
    private nint _loopContext;
    private AeadBatch _batch = null!;
    private AeadBatch _prebuilt = null!;
    private NativeBuffer _nonces = null!;
    private NativeBuffer _headers = null!;
    private NativeBuffer _data = null!;
    private NativeBuffer _tags = null!;
    private NativeBuffer _sealed = null!;
    private NativeBuffer _sealedTags = null!;
    private NativeBuffer _ops = null!;

    /// <summary>The C loop's ops for sealing: tags written into _tags.</summary>
    private AeadOp* SealOps => (AeadOp*)_ops.Pointer;

    /// <summary>The C loop's ops for opening: tags read from _sealedTags.</summary>
    private AeadOp* OpenOps => SealOps + Packets;

    [GlobalSetup]
    public void Setup()
    {
        byte[] key = GcmInputs.Key(16);
        AesImplementation best = BenchNative.BestImplementation();
        _context = AesContext.Create(key, best);
        _loopContext = BenchNative.CreateContext(key, (int)best);
        _batch = new AeadBatch(Packets);
        _prebuilt = new AeadBatch(Packets);
        _nonces = new NativeBuffer(Packets * GcmInputs.NonceSize);
        _headers = new NativeBuffer(Packets * GcmInputs.AadSize);
        _data = new NativeBuffer(Packets * PacketSize);
        _tags = new NativeBuffer(Packets * GcmInputs.TagSize);
        _sealed = new NativeBuffer(Packets * PacketSize);
        _sealedTags = new NativeBuffer(Packets * GcmInputs.TagSize);
        _ops = new NativeBuffer(2 * Packets * sizeof(AeadOp));

        for (int i = 0; i < Packets; i++)
        {
            GcmInputs.FillNonce(_nonces.Slice(i * GcmInputs.NonceSize, GcmInputs.NonceSize), i);
            GcmInputs.FillRtpHeader(_headers.Slice(i * GcmInputs.AadSize, GcmInputs.AadSize), i);
            GcmInputs.FillPayload(_sealed.Slice(i * PacketSize, PacketSize), i);
            _context.SealGcm(Nonce(i), _sealed.Slice(i * PacketSize, PacketSize), _sealed.Slice(i * PacketSize, PacketSize), _sealedTags.Slice(i * GcmInputs.TagSize, GcmInputs.TagSize), Header(i));
            OpenOps[i] = new AeadOp
            {
                Context = _loopContext,
                Nonce = _nonces.Pointer + (i * GcmInputs.NonceSize),
                AssociatedData = _headers.Pointer + (i * GcmInputs.AadSize),
                Data = _data.Pointer + (i * PacketSize),
                Tag = _sealedTags.Pointer + (i * GcmInputs.TagSize),
                AssociatedDataLength = GcmInputs.AadSize,
                DataLength = PacketSize,
            };
            SealOps[i] = OpenOps[i];
            SealOps[i].Tag = _tags.Pointer + (i * GcmInputs.TagSize);
            AddPacket(_prebuilt, i, _tags);
        }

        // Every way of opening must open all 32 genuine packets before any of them is timed.
        Check(OpenAll(), "AeadBatch.OpenAll");
        Check(OpenSingles(), "32 x AesContext.TryOpenGcm");
        Check(OpenCLoop(), "C loop of 32 opens");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch.Dispose();
        _prebuilt.Dispose();
        _context.Dispose();
        BenchNative.AesFree(_loopContext);
        foreach (NativeBuffer b in new[] { _nonces, _headers, _data, _tags, _sealed, _sealedTags, _ops })
        {
            b.Dispose();
        }
    }

    /// <summary>Clear, 32 Add, one SealAll: the transport worker's send path.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public void SealAll()
    {
        _batch.Clear();
        for (int i = 0; i < Packets; i++)
        {
            AddPacket(_batch, i, _tags);
        }

        _batch.SealAll();
    }

    /// <summary>SealAll on a batch built once: the native call alone.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public void SealAllPrebuilt() => _prebuilt.SealAll();

    [Benchmark(OperationsPerInvoke = Packets)]
    public void SealSingles()
    {
        for (int i = 0; i < Packets; i++)
        {
            Span<byte> data = _data.Slice(i * PacketSize, PacketSize);
            _context.SealGcm(Nonce(i), data, data, _tags.Slice(i * GcmInputs.TagSize, GcmInputs.TagSize), Header(i));
        }
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int SealCLoop() => BenchNative.SealOps(SealOps, Packets);

    /// <summary>Restore 32 sealed packets, then Clear, 32 Add, one OpenAll: the receive path.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public int OpenAll()
    {
        _sealed.Span.CopyTo(_data.Span);
        _batch.Clear();
        for (int i = 0; i < Packets; i++)
        {
            AddPacket(_batch, i, _sealedTags);
        }

        return _batch.OpenAll();
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int OpenSingles()
    {
        _sealed.Span.CopyTo(_data.Span);
        int failed = 0;
        for (int i = 0; i < Packets; i++)
        {
            Span<byte> data = _data.Slice(i * PacketSize, PacketSize);
            failed += _context.TryOpenGcm(Nonce(i), data, _sealedTags.Slice(i * GcmInputs.TagSize, GcmInputs.TagSize), data, Header(i)) ? 0 : 1;
        }

        return failed;
    }

    /// <summary>gw_bench_open_ops restores the 32 packets with memcpy, then opens each (see bench_loops.c).</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public int OpenCLoop() => BenchNative.OpenOps(OpenOps, Packets, _sealed.Pointer, PacketSize);

    private static void Check(int failed, string what)
    {
        if (failed != 0)
        {
            throw new InvalidOperationException($"{what}: {failed} of {Packets} packets failed to open");
        }
    }

    private Span<byte> Nonce(int i) => _nonces.Slice(i * GcmInputs.NonceSize, GcmInputs.NonceSize);

    private Span<byte> Header(int i) => _headers.Slice(i * GcmInputs.AadSize, GcmInputs.AadSize);

    private void AddPacket(AeadBatch batch, int i, NativeBuffer tags) =>
        batch.Add(
            _context,
            _nonces.Pointer + (i * GcmInputs.NonceSize),
            _headers.Pointer + (i * GcmInputs.AadSize),
            GcmInputs.AadSize,
            _data.Pointer + (i * PacketSize),
            PacketSize,
            tags.Pointer + (i * GcmInputs.TagSize));
}
