using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gateway.Benchmarks.Crypto;
using Gateway.Crypto.Native;
using Gateway.E2ee.SFrame;

namespace Gateway.Benchmarks.E2ee;

/// <summary>
/// SFrame protect and unprotect of one 1200-byte frame (no metadata) for the two AES-GCM suites, each
/// beside the raw AES-GCM call on the same bytes with a key of the same size: the baseline. The ratio is
/// what SFrame adds (header, nonce, key lookup, replay window); the target is at most 1.15.
/// </summary>
/// <remarks>
/// <para>Both sides use <see cref="AesContext.Create"/> with the default implementation, as SFrameContext
/// does, and the same memory: the raw cases read and write the very bytes SFrame does (ciphertext at the
/// header's odd offset, the header as AAD), so the ratio is SFrame's own work, not buffer placement.</para>
/// <para>The receiver refuses a counter twice, so Unprotect walks a ring of <see cref="RingSize"/> frames
/// protected in setup and forgets its replay window each time the ring starts over (two words cleared per
/// 16 frames); RawOpen walks a ring of the same frames sealed raw, each with its own nonce, so both sides
/// touch the same memory. A call that fails returns early and would look fast: any failure voids the run
/// in cleanup.</para>
/// <para>The VM is shared: when the error column is large, rerun; a min-of-rounds Stopwatch loop over the
/// same calls agreed with the quiet runs (ratios 1.06-1.11).</para>
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SFrameBenchmarks
{
    private const int Size = 1200;
    private const int RingSize = 16;
    private const ulong KeyId = 0x1234;
    private const string ProtectCategory = "Protect";
    private const string UnprotectCategory = "Unprotect";

    private readonly byte[] _nonce = new byte[GcmInputs.NonceSize];
    private byte[] _plaintext = null!;
    private byte[] _output = null!;
    private byte[] _frame = null!;
    private int _rawHeaderLength;
    private byte[][] _ring = null!;
    private byte[][] _rawRing = null!;
    private byte[][] _rawNonces = null!;
    private int _ringIndex;
    private int _rawRingIndex;
    private bool _failed;
    private AesContext _raw = null!;
    private SFrameContext _sender = null!;
    private SFrameContext _receiver = null!;

    [Params(SFrameCipherSuite.AesGcm128Sha256_128, SFrameCipherSuite.AesGcm256Sha512_128)]
    public SFrameCipherSuite Suite { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int keySize = Suite == SFrameCipherSuite.AesGcm128Sha256_128 ? 16 : 32;
        byte[] key = GcmInputs.Key(keySize);
        _plaintext = new byte[Size];
        new Random(1).NextBytes(_plaintext);
        _output = new byte[Size];

        _raw = AesContext.Create(key);
        _sender = new SFrameContext(Suite);
        _receiver = new SFrameContext(Suite);
        _sender.SetSendKey(KeyId, key);
        _receiver.AddReceiveKey(KeyId, key);
        _frame = new byte[Size + _sender.MaxOverhead];

        // RawSeal writes where Protect does once its CTR needs 3 bytes (from 65,536 frames on: nearly all of a run).
        _rawHeaderLength = SFrameHeader.EncodedLength(KeyId, 1UL << 16);
        _ring = new byte[RingSize][];
        _rawRing = new byte[RingSize][];
        _rawNonces = new byte[RingSize][];
        for (int i = 0; i < RingSize; i++)
        {
            byte[] buffer = new byte[Size + _sender.MaxOverhead];
            Check(_sender.Protect(default, _plaintext, buffer, out int written) == SFrameStatus.Ok, "protect in setup");
            _ring[i] = buffer[..written];

            // The same frame layout sealed raw: header bytes as AAD, ciphertext and tag where SFrame puts them.
            int header = written - Size - GcmInputs.TagSize;
            _rawNonces[i] = new byte[GcmInputs.NonceSize];
            _rawNonces[i][^1] = (byte)i;
            _rawRing[i] = (byte[])_ring[i].Clone();
            Span<byte> raw = _rawRing[i];
            _raw.SealGcm(_rawNonces[i], _plaintext, raw.Slice(header, Size), raw.Slice(header + Size, GcmInputs.TagSize), raw[..header]);
        }

        Check(RawOpen(), "raw open in setup");
        Check(_output.AsSpan().SequenceEqual(_plaintext), "raw round trip");
        _output.AsSpan().Clear();
        Check(Unprotect() == SFrameStatus.Ok, "unprotect in setup");
        Check(_output.AsSpan().SequenceEqual(_plaintext), "SFrame round trip");
        _ringIndex = 0;
        _rawRingIndex = 0;
        _receiver.ResetReplayWindow(KeyId);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Check(!_failed, "a call failed during the run; its numbers are void");
        _raw.Dispose();
        _sender.Dispose();
        _receiver.Dispose();
    }

    [BenchmarkCategory(ProtectCategory)]
    [Benchmark(Baseline = true)]
    public void RawSeal()
    {
        Span<byte> frame = _frame;
        int header = _rawHeaderLength;
        _raw.SealGcm(_nonce, _plaintext, frame.Slice(header, Size), frame.Slice(header + Size, GcmInputs.TagSize), frame[..header]);
    }

    [BenchmarkCategory(ProtectCategory)]
    [Benchmark]
    public SFrameStatus Protect()
    {
        SFrameStatus status = _sender.Protect(default, _plaintext, _frame, out _);
        _failed |= status != SFrameStatus.Ok;
        return status;
    }

    [BenchmarkCategory(UnprotectCategory)]
    [Benchmark(Baseline = true)]
    public bool RawOpen()
    {
        int index = _rawRingIndex;
        if (index == RingSize)
        {
            index = 0;
        }

        _rawRingIndex = index + 1;
        ReadOnlySpan<byte> frame = _rawRing[index];
        int header = frame.Length - Size - GcmInputs.TagSize;
        bool ok = _raw.TryOpenGcm(_rawNonces[index], frame.Slice(header, Size), frame.Slice(header + Size, GcmInputs.TagSize), _output, frame[..header]);
        _failed |= !ok;
        return ok;
    }

    [BenchmarkCategory(UnprotectCategory)]
    [Benchmark]
    public SFrameStatus Unprotect()
    {
        int index = _ringIndex;
        if (index == RingSize)
        {
            index = 0;
            _receiver.ResetReplayWindow(KeyId);
        }

        _ringIndex = index + 1;
        SFrameStatus status = _receiver.Unprotect(default, _ring[index], _output, out _, out _);
        _failed |= status != SFrameStatus.Ok;
        return status;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"SFrameBenchmarks: {what}.");
        }
    }
}
