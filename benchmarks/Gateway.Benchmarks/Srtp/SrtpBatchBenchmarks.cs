using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Rtp.Srtp;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// A transport batch of 32 RTP packets protected with AEAD_AES_128_GCM (best native implementation),
/// two ways: one <see cref="SrtpBatch"/> (32 adds, one native seal of all 32) and 32 single
/// <see cref="SrtpSession.ProtectRtp(Span{byte}, int, out int)"/> calls. Every method does 32 packets, so BenchmarkDotNet reports
/// the time per packet (OperationsPerInvoke = 32).
/// </summary>
/// <remarks>
/// Both ways write the next sequence number into each packet first (an index is never protected
/// twice) and protect the previous call's ciphertext again. The batch is cleared and rebuilt on every
/// call, as a transport worker does for each send batch.
/// </remarks>
[MemoryDiagnoser]
public unsafe class SrtpBatchBenchmarks
{
    public const int Packets = 32;
    public const SrtpProfile Profile = SrtpProfile.AeadAes128Gcm;

    private NativeBuffer _slab = null!;
    private int _stride;
    private int _length;
    private ushort _sequence;
    private SrtpSession _session = null!;
    private SrtpBatch _batch = null!;
    private bool _failed;

    [Params(160, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stride = (SrtpInputs.HeaderLength + Size + 16 + 63) & ~63;
        _slab = new NativeBuffer(Packets * _stride);
        for (int i = 0; i < Packets; i++)
        {
            _length = SrtpInputs.WritePacket(Slot(i), 0, Size);
        }

        _session = SrtpSession.Create(Profile, SrtpInputs.MasterKey(Profile), SrtpInputs.MasterSalt(Profile), implementation: BenchNative.BestImplementation());
        _batch = new SrtpBatch(Packets);
        Batch();
        Singles();
        if (_failed)
        {
            throw new InvalidOperationException("a packet failed to protect in the setup run");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_failed)
        {
            throw new InvalidOperationException($"{Size} B: a protect failed during the run; its numbers are void.");
        }

        _batch.Dispose();
        _session.Dispose();
        _slab.Dispose();
    }

    /// <summary>Clear, 32 AddProtectRtp, Run: the send path of a transport worker.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public void Batch()
    {
        _batch.Clear();
        for (int i = 0; i < Packets; i++)
        {
            SrtpInputs.SetSequence(Slot(i), ++_sequence);
            _batch.AddProtectRtp(_session, _slab.Pointer + (i * _stride), _stride, _length);
        }

        _batch.Run();
        for (int i = 0; i < Packets; i++)
        {
            _failed |= _batch.Result(i) != SrtpResult.Ok;
        }
    }

    [Benchmark(OperationsPerInvoke = Packets, Baseline = true)]
    public void Singles()
    {
        SrtpResult last = SrtpResult.Ok;
        for (int i = 0; i < Packets; i++)
        {
            Span<byte> packet = Slot(i);
            SrtpInputs.SetSequence(packet, ++_sequence);
            SrtpResult result = _session.ProtectRtp(packet, _length, out _);
            last = result == SrtpResult.Ok ? last : result;
        }

        _failed |= last != SrtpResult.Ok;
    }

    private Span<byte> Slot(int i) => _slab.Slice(i * _stride, _stride);
}
