using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

public sealed class RtpPacketWriterTests
{
    [Fact]
    public void HeaderAndPayload_MatchTheHandMadeMinimalPacket()
    {
        byte[] buffer = new byte[64];
        var writer = new RtpPacketWriter(buffer);
        Assert.True(writer.TryWriteHeader(111, false, 0x1234, 1000, 0xDEADBEEF));
        Assert.True(writer.TryWritePayload([1, 2]));
        Assert.True(writer.TryWritePayload([3]));
        Assert.True(writer.TryFinish(0, out int length));
        Assert.Equal(RtpTestPackets.Minimal(), buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void EveryField_MatchesTheHandMadePacket()
    {
        byte[] buffer = new byte[64];
        var writer = new RtpPacketWriter(buffer);
        Assert.True(writer.TryWriteHeader(96, true, 0xFFFF, 0x01020304, 0x11223344, [0xAAAAAAAA, 0xBBBBBBBB]));
        Assert.True(writer.TryAddExtension(1, [0xAB]));
        Assert.True(writer.TryWritePayload([0xCA, 0xFE]));
        Assert.True(writer.TryFinish(3, out int length));
        Assert.Equal(RtpTestPackets.Everything(), buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void ElementNeedingTwoBytes_ConvertsTheElementsAlreadyWritten()
    {
        byte[] buffer = new byte[64];
        var writer = new RtpPacketWriter(buffer);
        writer.TryWriteHeader(96, false, 1, 2, 3);
        writer.TryAddExtension(1, [0xAA]);
        writer.TryAddExtension(2, [0xBB, 0xBB]);
        writer.TryAddExtension(15, [0xCC]);
        writer.TryFinish(0, out int length);

        // 0x1000, 3 words: 01 01 AA 02 02 BB BB 0F 01 CC + 2 zero bytes.
        Assert.Equal(
            "90600001000000020000000310000003" + "0101AA0202BBBB0F01CC0000",
            Convert.ToHexString(buffer, 0, length));
        RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket rtp);
        Assert.Equal(["1:AA", "2:BBBB", "15:CC"], HeaderExtensionLayoutTests.Describe(rtp.Extensions));
    }

    [Fact]
    public void EmptyAndSeventeenByteValues_UseTheTwoByteForm()
    {
        byte[] buffer = new byte[100];
        var writer = new RtpPacketWriter(buffer);
        writer.TryWriteHeader(96, false, 1, 2, 3);
        writer.TryAddExtension(1, default);
        writer.TryAddExtension(2, new byte[17]);
        writer.TryFinish(0, out int length);
        RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket rtp);
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, rtp.Extensions.Form);
        Assert.Equal(["1:", "2:" + new string('0', 34)], HeaderExtensionLayoutTests.Describe(rtp.Extensions));
    }

    [Fact]
    public void EveryStep_BufferTooSmall_ReturnsFalse()
    {
        Assert.False(new RtpPacketWriter(new byte[11]).TryWriteHeader(0, false, 0, 0, 0));
        Assert.False(new RtpPacketWriter(new byte[15]).TryWriteHeader(0, false, 0, 0, 0, [1u]));

        byte[] buffer = new byte[20];
        var writer = new RtpPacketWriter(buffer);
        Assert.True(writer.TryWriteHeader(0, false, 0, 0, 0));
        Assert.True(writer.TryAddExtension(1, [1, 2, 3])); // 12 + 4 + 4 = 20
        Assert.False(writer.TryAddExtension(2, [1])); // would need a second word
        Assert.False(writer.TryAddExtension(20, [1])); // converting needs a second word too
        Assert.False(writer.TryWritePayload([1]));
        Assert.False(writer.TryFinish(1, out _));
        Assert.True(writer.TryFinish(0, out int length));
        Assert.Equal(20, length);
        RtpPacket.TryParse(buffer, out RtpPacket rtp);
        Assert.Equal(["1:010203"], HeaderExtensionLayoutTests.Describe(rtp.Extensions));
    }

    [Fact]
    public void StepsOutOfOrder_Throw()
    {
        byte[] buffer = new byte[100];
        Assert.Throws<InvalidOperationException>(() => new RtpPacketWriter(buffer).TryAddExtension(1, [1]));
        Assert.Throws<InvalidOperationException>(() => new RtpPacketWriter(buffer).TryWritePayload([1]));
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new RtpPacketWriter(buffer);
            writer.TryWriteHeader(0, false, 0, 0, 0);
            writer.TryWritePayload([1]);
            writer.TryAddExtension(1, [1]);
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new RtpPacketWriter(buffer);
            writer.TryWriteHeader(0, false, 0, 0, 0);
            writer.TryFinish(0, out _);
            writer.TryFinish(0, out _);
        });
    }

    [Fact]
    public void ArgumentsOutOfRange_Throw()
    {
        byte[] buffer = new byte[100];
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacketWriter(buffer).TryWriteHeader(128, false, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacketWriter(buffer).TryWriteHeader(0, false, 0, 0, 0, new uint[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new RtpPacketWriter(buffer);
            writer.TryWriteHeader(0, false, 0, 0, 0);
            writer.TryAddExtension(0, [1]);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new RtpPacketWriter(new byte[600]);
            writer.TryWriteHeader(0, false, 0, 0, 0);
            writer.TryAddExtension(1, new byte[256]);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new RtpPacketWriter(new byte[600]);
            writer.TryWriteHeader(0, false, 0, 0, 0);
            writer.TryFinish(256, out _);
        });
    }

    [Fact]
    public void RandomPackets_RoundTripThroughTheParser()
    {
        int seed = ParserFuzzSeed.Get(8285);
        var random = new Random(seed);
        byte[] buffer = new byte[2000];
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            int payloadType = random.Next(128);
            bool marker = random.Next(2) == 1;
            ushort sequence = (ushort)random.Next(65536);
            uint timestamp = (uint)random.NextInt64(1L << 32);
            uint ssrc = (uint)random.NextInt64(1L << 32);
            uint[] csrcs = new uint[random.Next(16)];
            for (int i = 0; i < csrcs.Length; i++)
            {
                csrcs[i] = (uint)random.NextInt64(1L << 32);
            }

            // Distinct ids; the two-byte form only sometimes.
            bool allowTwoByte = random.Next(3) == 0;
            int elementCount = random.Next(6);
            var elements = new List<(int Id, byte[] Value)>();
            for (int i = 0; i < elementCount; i++)
            {
                int id = allowTwoByte ? random.Next(1, 256) : random.Next(1, 15);
                if (elements.Exists(e => e.Id == id))
                {
                    continue;
                }

                byte[] value = new byte[allowTwoByte ? random.Next(0, 40) : random.Next(1, 17)];
                random.NextBytes(value);
                elements.Add((id, value));
            }

            byte[] payload = new byte[random.Next(0, 1200)];
            random.NextBytes(payload);
            int padding = random.Next(4) == 0 ? random.Next(1, 256) : 0;

            var writer = new RtpPacketWriter(buffer);
            Assert.True(writer.TryWriteHeader(payloadType, marker, sequence, timestamp, ssrc, csrcs));
            foreach ((int id, byte[] value) in elements)
            {
                Assert.True(writer.TryAddExtension(id, value));
            }

            Assert.True(writer.TryWritePayload(payload));
            Assert.True(writer.TryFinish(padding, out int length));

            string context = $"iteration {iteration}, {ParserFuzzSeed.Describe(seed)}";
            Assert.True(RtpParseResult.Ok == RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket rtp), context);
            Assert.Equal(payloadType, rtp.PayloadType);
            Assert.Equal(marker, rtp.Marker);
            Assert.Equal(sequence, rtp.SequenceNumber);
            Assert.Equal(timestamp, rtp.Timestamp);
            Assert.Equal(ssrc, rtp.Ssrc);
            Assert.Equal(csrcs.Length, rtp.CsrcCount);
            for (int i = 0; i < csrcs.Length; i++)
            {
                Assert.Equal(csrcs[i], rtp.GetCsrc(i));
            }

            Assert.Equal(elements.Count > 0, rtp.HasExtension);
            Assert.Equal(0, rtp.ExtensionData.Length % 4);
            Assert.True(rtp.Extensions.IsWellFormed(), context);
            Assert.Equal(
                elements.ConvertAll(e => $"{e.Id}:{Convert.ToHexString(e.Value)}"),
                HeaderExtensionLayoutTests.Describe(rtp.Extensions));
            Assert.Equal(payload, rtp.Payload.ToArray());
            Assert.Equal(padding, rtp.PaddingLength);
            Assert.Equal(padding > 0, rtp.HasPadding);
        }
    }
}
