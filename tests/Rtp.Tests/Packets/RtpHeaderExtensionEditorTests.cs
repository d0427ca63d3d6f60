using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>Adding, replacing and removing elements in place, with the payload, padding and length word kept right.</summary>
public sealed class RtpHeaderExtensionEditorTests
{
    [Fact]
    public void TrySet_OnAPacketWithoutExtension_AddsAOneByteExtension_AndMovesThePayload()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Minimal(), out int length);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TrySet(buffer, length, 3, [0xAA, 0xBB], out int newLength));
        Assert.Equal(length + 8, newLength);
        Assert.Equal("906F1234000003E8DEADBEEF" + "BEDE0001" + "31AABB00" + "010203", Convert.ToHexString(buffer, 0, newLength));
    }

    [Fact]
    public void TrySet_SameIdSameLength_RewritesInPlace()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Rfc8285OneByteExample(), out int length);
        byte[] before = buffer.AsSpan(0, length).ToArray();
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TrySet(buffer, length, 2, [0x12, 0x34], out int newLength));
        Assert.Equal(length, newLength);
        before[19] = 0x12;
        before[20] = 0x34;
        Assert.Equal(before, buffer.AsSpan(0, length).ToArray()); // the figure's padding is left where it was
    }

    [Fact]
    public void TrySet_SameIdOtherLength_ReplacesTheElement_AndCompacts()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Rfc8285OneByteExample(), out int length);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TrySet(buffer, length, 2, [0x77], out int newLength));
        RtpPacket.TryParse(buffer.AsSpan(0, newLength), out RtpPacket rtp);
        Assert.Equal(["1:AA", "3:CCCCCCCC", "2:77"], HeaderExtensionLayoutTests.Describe(rtp.Extensions));
        Assert.Equal("BEDE0003" + "10AA33CC" + "CCCCCC20" + "77000000", Convert.ToHexString(buffer, 12, 16));
        Assert.Equal([0x50, 0x50], rtp.Payload.ToArray());
    }

    [Theory]
    [InlineData(15, 1)] // id the one-byte form cannot hold
    [InlineData(4, 0)] // empty value
    [InlineData(4, 17)] // value too long for L
    public void TrySet_ElementNeedingTwoBytes_ConvertsTheExtension(int id, int valueLength)
    {
        byte[] buffer = WithRoom(RtpTestPackets.Rfc8285OneByteExample(), out int length);
        byte[] value = RtpTestPackets.Pattern(valueLength);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TrySet(buffer, length, id, value, out int newLength));
        RtpPacket.TryParse(buffer.AsSpan(0, newLength), out RtpPacket rtp);
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, rtp.Extensions.Form);
        Assert.Equal(0x1000, rtp.ExtensionProfile);
        Assert.Equal(
            ["1:AA", "2:BBBB", "3:CCCCCCCC", $"{id}:{Convert.ToHexString(value)}"],
            HeaderExtensionLayoutTests.Describe(rtp.Extensions));
        Assert.Equal([0x50, 0x50], rtp.Payload.ToArray());
    }

    [Fact]
    public void TrySet_OnATwoByteExtension_KeepsTheApplicationBits()
    {
        byte[] packet = RtpTestPackets.Rfc8285TwoByteExample();
        packet[13] = 0x05;
        byte[] buffer = WithRoom(packet, out int length);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TrySet(buffer, length, 7, [9], out int newLength));
        RtpPacket.TryParse(buffer.AsSpan(0, newLength), out RtpPacket rtp);
        Assert.Equal(0x1005, rtp.ExtensionProfile);
        Assert.Equal(["1:", "2:DD", "3:EEEEEEEE", "7:09"], HeaderExtensionLayoutTests.Describe(rtp.Extensions));
    }

    [Fact]
    public void TrySet_OnAPaddedPacket_KeepsThePaddingAtTheEnd()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Everything(), out int length);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TrySet(buffer, length, 5, [1, 2, 3, 4, 5, 6], out int newLength));
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(buffer.AsSpan(0, newLength), out RtpPacket rtp));
        Assert.Equal(3, rtp.PaddingLength);
        Assert.Equal([0xCA, 0xFE], rtp.Payload.ToArray());
        Assert.Equal(2, rtp.CsrcCount);
        Assert.Equal(0xBBBBBBBBu, rtp.GetCsrc(1));
        Assert.Equal(["1:AB", "5:010203040506"], HeaderExtensionLayoutTests.Describe(rtp.Extensions));
    }

    [Fact]
    public void TrySet_NoRoomInTheBuffer_FailsAndChangesNothing()
    {
        byte[] packet = RtpTestPackets.Audio();
        byte[] buffer = (byte[])packet.Clone();
        Assert.Equal(RtpExtensionEditResult.BufferTooSmall, RtpHeaderExtensionEditor.TrySet(buffer, buffer.Length, 12, new byte[8], out int newLength));
        Assert.Equal(packet.Length, newLength);
        Assert.Equal(packet, buffer);
    }

    [Fact]
    public void TrySet_ElementFittingThePaddingOfTheLastWord_DoesNotGrowThePacket()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Everything(), out int length);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TrySet(buffer, length, 2, [0xEE], out int newLength));
        Assert.Equal(length, newLength);
        Assert.Equal("BEDE0001" + "10AB20EE", Convert.ToHexString(buffer, 20, 8));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(256, 1)]
    [InlineData(1, 256)]
    public void TrySet_InvalidElement_IsRejected(int id, int valueLength)
    {
        byte[] buffer = WithRoom(RtpTestPackets.Minimal(), out int length);
        Assert.Equal(RtpExtensionEditResult.InvalidElement, RtpHeaderExtensionEditor.TrySet(buffer, length, id, new byte[valueLength], out _));
    }

    [Fact]
    public void TrySet_InvalidPacketOtherProfileOrMalformedElements_AreRejected()
    {
        byte[] invalid = WithRoom(Convert.FromHexString("406F1234000003E8DEADBEEF"), out int invalidLength);
        Assert.Equal(RtpExtensionEditResult.InvalidPacket, RtpHeaderExtensionEditor.TrySet(invalid, invalidLength, 1, [1], out _));
        Assert.Equal(RtpExtensionEditResult.InvalidPacket, RtpHeaderExtensionEditor.TrySet(invalid, invalid.Length + 1, 1, [1], out _));

        byte[] other = WithRoom(Convert.FromHexString("900000010000000000000001ABCD0001" + "10AA0000"), out int otherLength);
        Assert.Equal(RtpExtensionEditResult.UnsupportedProfile, RtpHeaderExtensionEditor.TrySet(other, otherLength, 1, [1], out _));
        Assert.Equal(RtpExtensionEditResult.UnsupportedProfile, RtpHeaderExtensionEditor.TryRemove(other, otherLength, 1, out _));

        byte[] malformed = WithRoom(Convert.FromHexString("900000010000000000000001BEDE0001" + "10AA23BB"), out int malformedLength);
        Assert.Equal(RtpExtensionEditResult.MalformedExtension, RtpHeaderExtensionEditor.TrySet(malformed, malformedLength, 1, [1], out _));
        Assert.Equal(RtpExtensionEditResult.MalformedExtension, RtpHeaderExtensionEditor.TryRemove(malformed, malformedLength, 1, out _));
    }

    [Fact]
    public void TryRemove_ShrinksByWholeWords_AndKeepsTheOtherElements()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Rfc8285OneByteExample(), out int length);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TryRemove(buffer, length, 3, out int newLength));
        Assert.Equal(length - 4, newLength);
        Assert.Equal("BEDE0002" + "10AA21BB" + "BB000000", Convert.ToHexString(buffer, 12, 12));
        RtpPacket.TryParse(buffer.AsSpan(0, newLength), out RtpPacket rtp);
        Assert.Equal(["1:AA", "2:BBBB"], HeaderExtensionLayoutTests.Describe(rtp.Extensions));
        Assert.Equal([0x50, 0x50], rtp.Payload.ToArray());
    }

    [Fact]
    public void TryRemove_TheLastElement_RemovesTheExtensionAndClearsX()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Everything(), out int length);
        Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TryRemove(buffer, length, 1, out int newLength));
        Assert.Equal(length - 8, newLength);
        Assert.Equal("A2E0FFFF" + "01020304" + "11223344" + "AAAAAAAA" + "BBBBBBBB" + "CAFE" + "000003", Convert.ToHexString(buffer, 0, newLength));
    }

    [Fact]
    public void TryRemove_AbsentIdOrNoExtension_IsNotFound()
    {
        byte[] buffer = WithRoom(RtpTestPackets.Rfc8285OneByteExample(), out int length);
        Assert.Equal(RtpExtensionEditResult.NotFound, RtpHeaderExtensionEditor.TryRemove(buffer, length, 9, out int newLength));
        Assert.Equal(length, newLength);
        byte[] minimal = WithRoom(RtpTestPackets.Minimal(), out int minimalLength);
        Assert.Equal(RtpExtensionEditResult.NotFound, RtpHeaderExtensionEditor.TryRemove(minimal, minimalLength, 1, out _));
        Assert.Equal(RtpExtensionEditResult.InvalidElement, RtpHeaderExtensionEditor.TryRemove(minimal, minimalLength, 0, out _));
    }

    [Fact]
    public void RandomEdits_MatchAModelOfTheElements_AndNeverTouchThePayload()
    {
        int seed = ParserFuzzSeed.Get(5285);
        var random = new Random(seed);
        for (int packetNumber = 0; packetNumber < 300; packetNumber++)
        {
            byte[] start = packetNumber % 2 == 0 ? RtpTestPackets.Audio((ushort)packetNumber, random.Next(0, 300)) : RtpTestPackets.TwoByteVideo();
            RtpPacket.TryParse(start, out RtpPacket original);
            byte[] payload = original.Payload.ToArray();
            int padding = original.PaddingLength;
            var model = new List<(int Id, byte[] Value)>();
            foreach (RtpHeaderExtension element in original.Extensions)
            {
                model.Add((element.Id, element.Value.ToArray()));
            }

            byte[] buffer = WithRoom(start, out int length);
            for (int edit = 0; edit < 30; edit++)
            {
                int id = random.Next(3) == 0 ? random.Next(1, 256) : random.Next(1, 15);
                string context = $"packet {packetNumber} edit {edit}, {ParserFuzzSeed.Describe(seed)}";
                if (random.Next(3) == 0)
                {
                    RtpExtensionEditResult removed = RtpHeaderExtensionEditor.TryRemove(buffer, length, id, out length);
                    int index = model.FindIndex(e => e.Id == id);
                    Assert.True((index >= 0 ? RtpExtensionEditResult.Ok : RtpExtensionEditResult.NotFound) == removed, context);
                    if (index >= 0)
                    {
                        model.RemoveAt(index);
                    }
                }
                else
                {
                    byte[] value = new byte[random.Next(0, 24)];
                    random.NextBytes(value);
                    Assert.True(RtpExtensionEditResult.Ok == RtpHeaderExtensionEditor.TrySet(buffer, length, id, value, out length), context);
                    int index = model.FindIndex(e => e.Id == id);
                    if (index >= 0 && model[index].Value.Length == value.Length)
                    {
                        model[index] = (id, value);
                    }
                    else
                    {
                        model.RemoveAll(e => e.Id == id);
                        model.Add((id, value));
                    }
                }

                Assert.True(RtpParseResult.Ok == RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket rtp), context);
                Assert.True(rtp.Extensions.IsWellFormed(), context);
                Assert.Equal(model.ConvertAll(e => $"{e.Id}:{Convert.ToHexString(e.Value)}"), HeaderExtensionLayoutTests.Describe(rtp.Extensions));
                Assert.Equal(model.Count > 0, rtp.HasExtension);
                Assert.Equal(payload, rtp.Payload.ToArray());
                Assert.Equal(padding, rtp.PaddingLength);
            }
        }
    }

    private static byte[] WithRoom(byte[] packet, out int length)
    {
        byte[] buffer = new byte[packet.Length + 600];
        packet.CopyTo(buffer, 0);
        length = packet.Length;
        return buffer;
    }
}
