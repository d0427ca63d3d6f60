using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// The two parts of our AES_CM_128_HMAC_SHA1 protect, alone, on the bytes one packet gives them (RFC 3711
/// §4.1.1, §4.2.1): the AES-CTR keystream XOR of the payload (best native implementation) and HMAC-SHA1 over
/// header, payload and ROC, the way the cipher calls it (IncrementalHash: AppendData then
/// TryGetHashAndReset), next to a one-shot HMAC and a bare SHA-1 of the same bytes (the hash compute
/// alone). It shows where the AES-CM profiles' time goes.
/// </summary>
[MemoryDiagnoser]
public class SrtpAesCmPartsBenchmarks
{
    private NativeBuffer _data = null!;
    private byte[] _authKey = null!;
    private byte[] _counter = null!;
    private byte[] _digest = null!;
    private AesContext _aes = null!;
    private IncrementalHash _hmac = null!;

    [Params(160, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // What the tag covers: the RTP header, the payload and the 4-byte ROC.
        _data = new NativeBuffer(SrtpInputs.HeaderLength + Size + 4);
        SrtpInputs.WritePacket(_data.Span, 1, Size);
        _authKey = new byte[20];
        _authKey.AsSpan().Fill(0x5C);
        _counter = new byte[AesContext.BlockSize];
        _digest = new byte[20];
        _aes = AesContext.Create(new byte[16], BenchNative.BestImplementation());
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, _authKey);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hmac.Dispose();
        _aes.Dispose();
        _data.Dispose();
    }

    /// <summary>The payload's keystream XOR, in place.</summary>
    [Benchmark]
    public void AesCtr()
    {
        Span<byte> payload = _data.Slice(SrtpInputs.HeaderLength, Size);
        _aes.TransformCtr(_counter, payload, payload);
    }

    /// <summary>HMAC-SHA1 as AesCmHmacSha1Cipher computes it: a reused IncrementalHash.</summary>
    [Benchmark(Baseline = true)]
    public int HmacIncremental()
    {
        _hmac.AppendData(_data.Span);
        _hmac.TryGetHashAndReset(_digest, out int written);
        return written;
    }

    /// <summary>HMAC-SHA1 in one static call (the key is set up again on every call).</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 3711 §4.2.1 defines the AES-CM profiles' tag as HMAC-SHA1; this measures that.")]
    [Benchmark]
    public int HmacOneShot() => HMACSHA1.HashData(_authKey, _data.Span, _digest);

    /// <summary>SHA-1 alone over the same bytes: the hash compute without HMAC's two extra blocks and call overheads.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 3711 §4.2.1 defines the AES-CM profiles' tag as HMAC-SHA1; this measures that.")]
    [Benchmark]
    public int Sha1Only() => SHA1.HashData(_data.Span, _digest);
}
