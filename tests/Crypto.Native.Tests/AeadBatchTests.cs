using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Crypto.Native.Tests;

/// <summary>Filling, running, clearing and disposing <see cref="AeadBatch"/>.</summary>
public sealed unsafe class AeadBatchTests
{
    private static readonly byte[] Key = Convert.FromHexString("feffe9928665731c6d6a8f9467308308");

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void SealAll_MatchesSingleSealGcmAndOpenAllReverses(AesImplementation implementation)
    {
        var random = new Random(32);
        using var context = AesContext.Create(Key, implementation);
        using var batch = new AeadBatch(8);
        var packets = Enumerable.Range(0, 8).Select(i => Packet.Random(random, 0, context, 1500, 20)).ToArray();
        try
        {
            Array.ForEach(packets, p => p.AddTo(batch));
            batch.SealAll();

            for (int i = 0; i < packets.Length; i++)
            {
                Packet p = packets[i];
                var ciphertext = new byte[p.Plaintext.Length];
                var tag = new byte[AesContext.TagSize];
                context.SealGcm(p.Nonce, p.Plaintext, ciphertext, tag, p.Aad);
                Assert.True(batch.Succeeded(i));
                Bytes.Equal(ciphertext, p.Data, $"{implementation} packet {i} data");
                Bytes.Equal(tag, p.Tag, $"{implementation} packet {i} tag");
            }

            Assert.Equal(0, batch.OpenAll());
            for (int i = 0; i < packets.Length; i++)
            {
                Assert.True(batch.Succeeded(i));
                Bytes.Equal(packets[i].Plaintext, packets[i].Data, $"{implementation} packet {i} opened");
            }
        }
        finally
        {
            Array.ForEach(packets, p => p.Dispose());
        }
    }

    [Fact]
    public void Constructor_CapacityNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AeadBatch(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AeadBatch(-1));
    }

    [Fact]
    public void Add_BeyondCapacity_ThrowsAndKeepsTheBatch()
    {
        using var context = AesContext.Create(Key);
        using var batch = new AeadBatch(2);
        using var packet = Packet.Create(0, context, new byte[12], [], [1, 2, 3]);
        packet.AddTo(batch);
        packet.AddTo(batch);

        Assert.Throws<InvalidOperationException>(() => packet.AddTo(batch));
        Assert.Equal(2, batch.Count);
        Assert.Equal(2, batch.Capacity);
    }

    [Fact]
    public void Add_NullPointersOrNegativeLengths_Throw()
    {
        using var context = AesContext.Create(Key);
        using var batch = new AeadBatch(4);
        byte* buffer = stackalloc byte[64];

        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => batch.Add(null!, buffer, null, 0, buffer, 1, buffer)).ParamName);
        Assert.Equal("nonce", Assert.Throws<ArgumentNullException>(() => batch.Add(context, null, null, 0, buffer, 1, buffer)).ParamName);
        Assert.Equal("tag", Assert.Throws<ArgumentNullException>(() => batch.Add(context, buffer, null, 0, buffer, 1, null)).ParamName);
        Assert.Equal("associatedData", Assert.Throws<ArgumentNullException>(() => batch.Add(context, buffer, null, 1, buffer, 1, buffer)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => batch.Add(context, buffer, null, 0, null, 1, buffer)).ParamName);
        Assert.Equal("associatedDataLength", Assert.Throws<ArgumentOutOfRangeException>(() => batch.Add(context, buffer, buffer, -1, buffer, 1, buffer)).ParamName);
        Assert.Equal("dataLength", Assert.Throws<ArgumentOutOfRangeException>(() => batch.Add(context, buffer, null, 0, buffer, -1, buffer)).ParamName);
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void Succeeded_IndexOutsideTheBatchThrows_AndIsFalseBeforeARun()
    {
        using var context = AesContext.Create(Key);
        using var batch = new AeadBatch(4);
        using var packet = Packet.Create(0, context, new byte[12], [], [1, 2, 3]);
        packet.AddTo(batch);

        Assert.False(batch.Succeeded(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Succeeded(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Succeeded(-1));
    }

    [Fact]
    public void Clear_EmptiesTheBatch_AndAnEmptyBatchRunsToNothing()
    {
        using var context = AesContext.Create(Key);
        using var batch = new AeadBatch(4);
        using var packet = Packet.Create(0, context, new byte[12], [], [1, 2, 3]);
        packet.AddTo(batch);

        batch.Clear();

        Assert.Equal(0, batch.Count);
        batch.SealAll();
        Assert.Equal(0, batch.OpenAll());
        Bytes.Equal([1, 2, 3], packet.Data, "a cleared packet is not touched");
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void SealAll_ContextDisposedAfterAdd_ThrowsObjectDisposedException(AesImplementation implementation)
    {
        var context = AesContext.Create(Key, implementation);
        using var batch = new AeadBatch(4);
        using var packet = Packet.Create(0, context, new byte[12], [], [1, 2, 3]);
        packet.AddTo(batch);
        context.Dispose();

        Assert.Throws<ObjectDisposedException>(batch.SealAll);
        Assert.Throws<ObjectDisposedException>(() => batch.OpenAll());
        Assert.Throws<ObjectDisposedException>(() => packet.AddTo(batch));
    }

    [Fact]
    public void Methods_AfterDispose_ThrowObjectDisposedException_AndDisposeTwiceIsFine()
    {
        using var context = AesContext.Create(Key);
        using var packet = Packet.Create(0, context, new byte[12], [], [1, 2, 3]);
        var batch = new AeadBatch(4);
        packet.AddTo(batch);

        batch.Dispose();
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => packet.AddTo(batch));
        Assert.Throws<ObjectDisposedException>(batch.SealAll);
        Assert.Throws<ObjectDisposedException>(() => batch.OpenAll());
    }
}
