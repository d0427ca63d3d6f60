using BenchmarkDotNet.Attributes;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// One AES-128-GCM seal or open per call through <see cref="AesContext"/>, for every implementation
/// this CPU runs (each native one forced, and the Managed fallback): what the SRTP layer pays per
/// packet, P/Invoke included.
/// </summary>
[MemoryDiagnoser]
public class AesGcmBenchmarks
{
    private GcmPacket _packet = null!;
    private AesContext _context = null!;

    /// <summary>Every native implementation this CPU runs, plus Managed.</summary>
    public static IEnumerable<AesImplementation> Implementations => CryptoBackend.SupportedImplementations;

    [ParamsSource(nameof(Implementations))]
    public AesImplementation Implementation { get; set; }

    [Params(64, 160, 1200, 8192)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _packet = new GcmPacket(Size);
        _context = AesContext.Create(GcmInputs.Key(16), Implementation);
        if (_context.Implementation != Implementation)
        {
            throw new InvalidOperationException($"asked for {Implementation}, got {_context.Implementation}");
        }

        _context.SealGcm(_packet.Nonce.Span, _packet.Sealed.Span, _packet.Sealed.Span, _packet.SealedTag.Span, _packet.Aad.Span);
        _packet.VerifyOpened(Open(), $"AesContext {Implementation}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _packet.Dispose();
    }

    /// <summary>Seal in place, as SRTP protect does.</summary>
    [Benchmark]
    public void Seal() =>
        _context.SealGcm(_packet.Nonce.Span, _packet.Data.Span, _packet.Data.Span, _packet.Tag.Span, _packet.Aad.Span);

    /// <summary>Open a sealed packet out of place (see <see cref="GcmPacket"/>).</summary>
    [Benchmark]
    public bool Open() =>
        _context.TryOpenGcm(_packet.Nonce.Span, _packet.Sealed.Span, _packet.SealedTag.Span, _packet.Scratch.Span, _packet.Aad.Span);
}
