using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// One SRTP unprotect per call, in place, for each profile at 160 and 1200 bytes of payload: ours (best
/// native AES implementation) against libsrtp2, in the same run, on the same protected packets.
/// </summary>
/// <remarks>
/// Unprotect decrypts in place and refuses a replayed index, so each call first copies the next packet
/// of a ring of <see cref="SrtpPacketRing.Packets"/> pre-protected packets (consecutive sequence numbers)
/// into the working buffer (a memcpy of the protected packet), and every time the ring starts again the
/// side starts a fresh inbound session from the master key (ours: SrtpSession.Create; libsrtp:
/// srtp_dealloc + srtp_create). Both sides do exactly this extra work; <see cref="SrtpRestoreBenchmarks"/>
/// measures the copy alone.
/// </remarks>
[MemoryDiagnoser]
public class SrtpUnprotectBenchmarks
{
    private SrtpPacketRing _ring = null!;
    private SrtpSession _ours = null!;
    private LibsrtpSession _libsrtp = null!;
    private byte[] _key = null!;
    private byte[] _salt = null!;
    private bool _failed;

    [ParamsAllValues]
    public SrtpProfile Profile { get; set; }

    [Params(160, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SrtpCrossCheck.Run(Profile, Size, BenchNative.BestImplementation());
        _key = SrtpInputs.MasterKey(Profile);
        _salt = SrtpInputs.MasterSalt(Profile);
        _ring = new SrtpPacketRing(Profile, Size);
        _ours = NewOurs();
        _libsrtp = NewLibsrtp();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // A failed call returns at once and would look fast: a run in which any call failed is refused.
        if (_failed)
        {
            throw new InvalidOperationException($"{Profile} {Size} B: an unprotect call failed during the run; its numbers are void.");
        }

        _ours.Dispose();
        _libsrtp.Dispose();
        _ring.Dispose();
    }

    [Benchmark]
    public SrtpResult Ours()
    {
        if (_ring.RestoreNext())
        {
            _ours.Dispose();
            _ours = NewOurs();
        }

        SrtpResult result = _ours.UnprotectRtp(_ring.Work, _ring.ProtectedLength, out _);
        _failed |= result != SrtpResult.Ok;
        return result;
    }

    [Benchmark(Baseline = true)]
    public int Libsrtp()
    {
        if (_ring.RestoreNext())
        {
            _libsrtp.Dispose();
            _libsrtp = NewLibsrtp();
        }

        LibsrtpStatus status = _libsrtp.UnprotectRtp(_ring.Work, _ring.ProtectedLength, out _);
        _failed |= status != LibsrtpStatus.Ok;
        return (int)status;
    }

    private SrtpSession NewOurs() =>
        SrtpSession.Create(Profile, _key, _salt, implementation: BenchNative.BestImplementation());

    private LibsrtpSession NewLibsrtp() =>
        LibsrtpSession.Create(SrtpInputs.ToLibsrtp(Profile), _key, _salt, LibsrtpDirection.Inbound);
}
