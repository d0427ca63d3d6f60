using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Crypto.Native.Tests;

/// <summary>Creation, round trips, argument checks and disposal of <see cref="AesContext"/>.</summary>
public sealed class AesContextTests
{
    private static readonly byte[] Key128 = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Nonce = Convert.FromHexString("cafebabefacedbaddecaf888");

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void Create_ForcedImplementation_RunsThatImplementation(AesImplementation implementation)
    {
        using var context = AesContext.Create(Key128, implementation);

        Assert.Equal(implementation, context.Implementation);
    }

    [Fact]
    public void Create_Auto_RunsTheDefault()
    {
        using var context = AesContext.Create(Key128);

        Assert.Equal(CryptoBackend.Default, context.Implementation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(24)]
    [InlineData(33)]
    public void Create_KeyNot16Or32Bytes_Throws(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => AesContext.Create(new byte[length], AesImplementation.Managed));

        Assert.Equal("key", ex.ParamName);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ImplementationThisMachineCannotRun_ThrowsNamingTheSupportedOnes()
    {
        AesImplementation missing = new[] { AesImplementation.ArmV8, AesImplementation.Vaes512, AesImplementation.Vaes256, AesImplementation.AesNi }
            .First(i => !CryptoBackend.SupportedImplementations.Contains(i));

        var ex = Assert.Throws<ArgumentException>(() => AesContext.Create(Key128, missing));

        Assert.Equal("implementation", ex.ParamName);
        Assert.Contains(CryptoBackend.Name(missing), ex.Message, StringComparison.Ordinal);
        Assert.All(CryptoBackend.SupportedImplementations, i => Assert.Contains(CryptoBackend.Name(i), ex.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void SealGcmThenTryOpenGcm_RoundTripsEveryLengthUpToFourBlocksAndSome(AesImplementation implementation)
    {
        var random = new Random(38);
        foreach (int keyLength in new[] { 16, 32 })
        {
            using var context = AesContext.Create(Bytes.Random(random, keyLength), implementation);
            foreach (int length in Enumerable.Range(0, 66).Concat([127, 128, 129, 255, 256, 257, 511, 512, 513, 1200, 1500, 4096, 8192 + 3]))
            {
                foreach (int aadLength in new[] { 0, 1, 12, 16, 17, 40 })
                {
                    string where = $"{implementation}, AES-{keyLength * 8}, {length} bytes, {aadLength} AAD";
                    byte[] plaintext = Bytes.Random(random, length);
                    byte[] aad = Bytes.Random(random, aadLength);
                    var ciphertext = new byte[length];
                    var tag = new byte[AesContext.TagSize];
                    context.SealGcm(Nonce, plaintext, ciphertext, tag, aad);

                    var opened = new byte[length];
                    Assert.True(context.TryOpenGcm(Nonce, ciphertext, tag, opened, aad), where);
                    Bytes.Equal(plaintext, opened, where);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void SealGcm_OutputLongerThanInput_WritesOnlyTheInputLength(AesImplementation implementation)
    {
        using var context = AesContext.Create(Key128, implementation);
        byte[] plaintext = Bytes.Random(new Random(1), 40);
        var ciphertext = new byte[64];
        var tag = new byte[AesContext.TagSize];

        context.SealGcm(Nonce, plaintext, ciphertext, tag);
        var opened = new byte[64];

        Bytes.AllZero(ciphertext.AsSpan(40), "past the ciphertext");
        Assert.True(context.TryOpenGcm(Nonce, ciphertext.AsSpan(0, 40), tag, opened));
        Bytes.Equal(plaintext, opened.AsSpan(0, 40), "opened");
        Bytes.AllZero(opened.AsSpan(40), "past the plaintext");
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void Methods_WrongLengths_ThrowArgumentException(AesImplementation implementation)
    {
        using var context = AesContext.Create(Key128, implementation);
        var data = new byte[32];
        var tag = new byte[AesContext.TagSize];

        Assert.Equal("nonce", Assert.Throws<ArgumentException>(() => context.SealGcm(new byte[11], data, data, tag)).ParamName);
        Assert.Equal("nonce", Assert.Throws<ArgumentException>(() => context.TryOpenGcm(new byte[13], data, tag, data)).ParamName);
        Assert.Equal("tag", Assert.Throws<ArgumentException>(() => context.SealGcm(Nonce, data, data, new byte[15])).ParamName);
        Assert.Equal("tag", Assert.Throws<ArgumentException>(() => context.TryOpenGcm(Nonce, data, new byte[12], data)).ParamName);
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => context.SealGcm(Nonce, data, new byte[31], tag)).ParamName);
        Assert.Equal("plaintext", Assert.Throws<ArgumentException>(() => context.TryOpenGcm(Nonce, data, tag, new byte[31])).ParamName);
        Assert.Equal("counter", Assert.Throws<ArgumentException>(() => context.TransformCtr(new byte[15], data, data)).ParamName);
        Assert.Equal("counter", Assert.Throws<ArgumentException>(() => context.KeyStreamCtr(new byte[17], data)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => context.TransformCtr(new byte[16], data, new byte[31])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => context.EncryptBlock(new byte[15], new byte[16])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => context.EncryptBlock(new byte[16], new byte[15])).ParamName);
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void Methods_PartlyOverlappingBuffers_ThrowArgumentException(AesImplementation implementation)
    {
        using var context = AesContext.Create(Key128, implementation);
        var buffer = new byte[100];
        var tag = new byte[AesContext.TagSize];

        Assert.Throws<ArgumentException>(() => context.SealGcm(Nonce, buffer.AsSpan(0, 50), buffer.AsSpan(1, 50), tag));
        Assert.Throws<ArgumentException>(() => context.TryOpenGcm(Nonce, buffer.AsSpan(10, 50), tag, buffer.AsSpan(0, 50)));
        Assert.Throws<ArgumentException>(() => context.TransformCtr(new byte[16], buffer.AsSpan(0, 50), buffer.AsSpan(16, 50)));
        Assert.Throws<ArgumentException>(() => context.EncryptBlock(buffer.AsSpan(0, 16), buffer.AsSpan(8, 16)));

        // The tag of an open must not lie in the output: it would be overwritten before the comparison.
        Assert.Equal("tag", Assert.Throws<ArgumentException>(() => context.TryOpenGcm(Nonce, buffer.AsSpan(0, 50), buffer.AsSpan(40, 16), buffer.AsSpan(0, 50))).ParamName);
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void Methods_AfterDispose_ThrowObjectDisposedException(AesImplementation implementation)
    {
        var context = AesContext.Create(Key128, implementation);
        context.Dispose();
        var data = new byte[32];
        var tag = new byte[AesContext.TagSize];
        var counter = new byte[AesContext.BlockSize];

        Assert.Throws<ObjectDisposedException>(() => context.SealGcm(Nonce, data, data, tag));
        Assert.Throws<ObjectDisposedException>(() => context.TryOpenGcm(Nonce, data, tag, data));
        Assert.Throws<ObjectDisposedException>(() => context.TransformCtr(counter, data, data));
        Assert.Throws<ObjectDisposedException>(() => context.KeyStreamCtr(counter, data));
        Assert.Throws<ObjectDisposedException>(() => context.EncryptBlock(counter, counter));
        Assert.Equal(implementation, context.Implementation);
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void Dispose_Twice_DoesNothingMore(AesImplementation implementation)
    {
        var context = AesContext.Create(Key128, implementation);

        context.Dispose();
        context.Dispose();

        Assert.Throws<ObjectDisposedException>(() => context.EncryptBlock(new byte[16], new byte[16]));
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public async Task SealGcmAndTryOpenGcm_FromSeveralThreadsOnOneContext_AllSucceed(AesImplementation implementation)
    {
        // A context is immutable after creation (native) or locks per call (Managed): threads may share it.
        using var context = AesContext.Create(Key128, implementation);
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            for (int i = 0; i < 500; i++)
            {
                byte[] plaintext = Bytes.Random(random, random.Next(1500));
                byte[] nonce = Bytes.Random(random, AesContext.NonceSize);
                var ciphertext = new byte[plaintext.Length];
                var tag = new byte[AesContext.TagSize];
                context.SealGcm(nonce, plaintext, ciphertext, tag);
                var opened = new byte[plaintext.Length];
                if (!context.TryOpenGcm(nonce, ciphertext, tag, opened) || !opened.AsSpan().SequenceEqual(plaintext))
                {
                    return false;
                }
            }

            return true;
        }, TestContext.Current.CancellationToken));

        bool[] results = await Task.WhenAll(tasks);

        Assert.All(results, Assert.True);
    }
}
