using System.Buffers.Binary;
using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// The relay's batched path (<see cref="SrtpBatch"/>: one native AES-GCM call per batch) interoperates
/// with libsrtp2 too: batches of 32 packets over two keys, libsrtp protecting and the batch
/// unprotecting (with one altered packet in most batches, which alone must fail), and the other way round.
/// </summary>
public sealed unsafe class LibsrtpBatchInteropTests
{
    private const int Batches = 10;
    private const int BatchSize = 32;
    private const int Keys = 2;
    private const int Stride = SrtpInteropPackets.BufferSize;

    public static TheoryData<SrtpProfile, AesImplementation> ProfilesAndImplementations => LibsrtpInterop.ProfilesAndImplementations();

    [Theory]
    [MemberData(nameof(ProfilesAndImplementations))]
    public void SrtpBatchUnprotectRtp_PacketsLibsrtpProtected_GivesEachBackAndRejectsTheAlteredOne(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        var theirs = new LibsrtpSession[Keys];
        var ours = new SrtpSession[Keys];
        var streams = new InteropRtpStreams[Keys];
        for (int k = 0; k < Keys; k++)
        {
            (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
            (theirs[k], ours[k]) = LibsrtpInterop.TheyProtect(profile, key, salt, implementation);
            streams[k] = new InteropRtpStreams(random, count: 2);
        }

        byte[] slab = GC.AllocateArray<byte>(BatchSize * Stride, pinned: true);
        byte[][] plain = new byte[BatchSize][];
        var established = new HashSet<(int Key, uint Ssrc)>();
        var arrived = new HashSet<(int Key, uint Ssrc)>();
        using var batch = new SrtpBatch(BatchSize);
        try
        {
            fixed (byte* slabStart = slab)
            {
                for (int b = 0; b < Batches; b++)
                {
                    batch.Clear();
                    int altered = random.Next(0, BatchSize);
                    for (int i = 0; i < BatchSize; i++)
                    {
                        int k = random.Next(0, Keys);
                        Span<byte> buffer = slab.AsSpan(i * Stride, Stride);
                        int length = streams[k].Write(buffer, random.Next(0, 1201));
                        plain[i] = buffer[..length].ToArray();
                        Assert.True(theirs[k].ProtectRtp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok);
                        // Only a packet of a stream an earlier batch established is altered: SrtpBatch estimates
                        // the index of a new stream's later packets from its first one (see its remarks).
                        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(plain[i].AsSpan(8));
                        if (i == altered && established.Contains((k, ssrc)))
                        {
                            buffer[random.Next(0, protectedLength)] ^= (byte)random.Next(1, 256);
                        }
                        else if (i == altered)
                        {
                            altered = -1;
                        }

                        arrived.Add((k, ssrc));

                        Assert.Equal(i, batch.AddUnprotectRtp(ours[k], slabStart + (i * Stride), protectedLength));
                    }

                    batch.Run();
                    established.UnionWith(arrived);
                    for (int i = 0; i < BatchSize; i++)
                    {
                        string what = $"{profile} on {implementation}, batch {b}, packet {i} ({LibsrtpInterop.DescribeRtp(plain[i], plain[i].Length)}), {InteropSeed.Describe(seed)}";
                        SrtpResult result = batch.Result(i);
                        if (i == altered)
                        {
                            Assert.True(result != SrtpResult.Ok, $"the batch accepted libsrtp's altered packet: {what}");
                            continue;
                        }

                        Assert.True(result == SrtpResult.Ok, $"the batch unprotecting libsrtp's packet: {result}; {what}");
                        string? difference = LibsrtpInterop.Difference(plain[i], slab.AsSpan(i * Stride, batch.ResultLength(i)));
                        Assert.True(difference is null, $"the batch unprotecting libsrtp's packet: plaintext {difference}; {what}");
                    }
                }
            }
        }
        finally
        {
            for (int k = 0; k < Keys; k++)
            {
                theirs[k]?.Dispose();
                ours[k]?.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(ProfilesAndImplementations))]
    public void SrtpBatchProtectRtp_LibsrtpUnprotects_EachPacketByteForByte(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        var ours = new SrtpSession[Keys];
        var theirs = new LibsrtpSession[Keys];
        var streams = new InteropRtpStreams[Keys];
        for (int k = 0; k < Keys; k++)
        {
            (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
            (ours[k], theirs[k]) = LibsrtpInterop.WeProtect(profile, key, salt, implementation);
            streams[k] = new InteropRtpStreams(random, count: 2);
        }

        byte[] slab = GC.AllocateArray<byte>(BatchSize * Stride, pinned: true);
        byte[][] plain = new byte[BatchSize][];
        int[] sessionOf = new int[BatchSize];
        using var batch = new SrtpBatch(BatchSize);
        try
        {
            fixed (byte* slabStart = slab)
            {
                for (int b = 0; b < Batches; b++)
                {
                    batch.Clear();
                    for (int i = 0; i < BatchSize; i++)
                    {
                        int k = sessionOf[i] = random.Next(0, Keys);
                        int length = streams[k].Write(slab.AsSpan(i * Stride, Stride), random.Next(0, 1201));
                        plain[i] = slab.AsSpan(i * Stride, length).ToArray();
                        Assert.Equal(i, batch.AddProtectRtp(ours[k], slabStart + (i * Stride), Stride, length));
                    }

                    batch.Run();
                    for (int i = 0; i < BatchSize; i++)
                    {
                        string what = $"{profile} on {implementation}, batch {b}, packet {i} ({LibsrtpInterop.DescribeRtp(plain[i], plain[i].Length)}), {InteropSeed.Describe(seed)}";
                        SrtpResult result = batch.Result(i);
                        Assert.True(result == SrtpResult.Ok, $"the batch protect: {result}; {what}");
                        Span<byte> buffer = slab.AsSpan(i * Stride, Stride);
                        LibsrtpStatus status = theirs[sessionOf[i]].UnprotectRtp(buffer, batch.ResultLength(i), out int plainLength);
                        Assert.True(status == LibsrtpStatus.Ok, $"libsrtp unprotecting the batch's packet: {status}; {what}");
                        string? difference = LibsrtpInterop.Difference(plain[i], buffer[..plainLength]);
                        Assert.True(difference is null, $"libsrtp unprotecting the batch's packet: plaintext {difference}; {what}");
                    }
                }
            }
        }
        finally
        {
            for (int k = 0; k < Keys; k++)
            {
                ours[k]?.Dispose();
                theirs[k]?.Dispose();
            }
        }
    }
}
