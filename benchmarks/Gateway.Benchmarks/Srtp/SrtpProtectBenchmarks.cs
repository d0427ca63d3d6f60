using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// One SRTP protect per call, in place, for each profile at 160 and 1200 bytes of payload (12-byte RTP
/// header): ours (best native AES implementation) against libsrtp2 (the system library, through the
/// interop tests' binding), in the same run.
/// </summary>
/// <remarks>
/// Both sides refuse to protect one index twice (ours: GCM must never reuse a nonce; libsrtp: its
/// replay check on send, unless allow_repeat_tx), so every call first writes the next sequence number
/// into the header; the ROC moves on when it wraps, on both sides. The payload is protected again on
/// top of the previous call's ciphertext, which costs the same as plaintext. The extra work (one
/// 2-byte store) is the same on both sides.
/// </remarks>
[MemoryDiagnoser]
public class SrtpProtectBenchmarks
{
    private NativeBuffer _buffer = null!;
    private int _length;
    private ushort _sequence;
    private bool _failed;
    private SrtpSession _ours = null!;
    private LibsrtpSession _libsrtp = null!;

    [ParamsAllValues]
    public SrtpProfile Profile { get; set; }

    [Params(160, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SrtpCrossCheck.Run(Profile, Size, BenchNative.BestImplementation());
        _buffer = new NativeBuffer(SrtpInputs.HeaderLength + Size + SrtpInputs.Room);
        _length = SrtpInputs.WritePacket(_buffer.Span, 0, Size);
        _ours = SrtpSession.Create(Profile, SrtpInputs.MasterKey(Profile), SrtpInputs.MasterSalt(Profile), implementation: BenchNative.BestImplementation());
        _libsrtp = LibsrtpSession.Create(SrtpInputs.ToLibsrtp(Profile), SrtpInputs.MasterKey(Profile), SrtpInputs.MasterSalt(Profile), LibsrtpDirection.Outbound);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // A failed call returns at once and would look fast: a run in which any call failed is refused.
        if (_failed)
        {
            throw new InvalidOperationException($"{Profile} {Size} B: a protect call failed during the run; its numbers are void.");
        }

        _ours.Dispose();
        _libsrtp.Dispose();
        _buffer.Dispose();
    }

    [Benchmark]
    public SrtpResult Ours()
    {
        Span<byte> packet = _buffer.Span;
        SrtpInputs.SetSequence(packet, ++_sequence);
        SrtpResult result = _ours.ProtectRtp(packet, _length, out _);
        _failed |= result != SrtpResult.Ok;
        return result;
    }

    [Benchmark(Baseline = true)]
    public int Libsrtp()
    {
        Span<byte> packet = _buffer.Span;
        SrtpInputs.SetSequence(packet, ++_sequence);
        LibsrtpStatus status = _libsrtp.ProtectRtp(packet, _length, out _);
        _failed |= status != LibsrtpStatus.Ok;
        return (int)status;
    }
}
