using System.Security.Cryptography;
using Gateway.E2ee.Keys;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Tests.Messages;

/// <summary>Each way a message can be malformed gets its own reason.</summary>
public sealed class KeyMessageParserTests
{
    private static byte[] AnnouncementWith(Action<CanonicalWriter> writeIds, int keyLength = 32)
    {
        var writer = new CanonicalWriter(KeyMessageType.Announcement);
        writeIds(writer);
        writer.WriteField(new byte[keyLength]);
        writer.WriteField(new byte[32]);
        writer.WriteField(new byte[32]);
        writer.WriteUInt64(1);
        writer.WriteField(new byte[64]);
        return writer.ToArray();
    }

    private static MessageParseError ParseAnnouncement(byte[] bytes)
    {
        Assert.False(Announcement.TryParse(bytes, out Announcement? parsed, out MessageParseError error));
        Assert.Null(parsed);
        return error;
    }

    [Fact]
    public void UnknownVersion_IsRejected()
    {
        using var samples = new SampleMessages();
        foreach (byte version in new byte[] { 0, 2, 255 })
        {
            byte[] bytes = (byte[])samples.Announcement.Clone();
            bytes[0] = version;
            Assert.Equal(MessageParseError.UnsupportedVersion, ParseAnnouncement(bytes));
        }
    }

    [Fact]
    public void UnknownType_IsRejected()
    {
        foreach (byte type in new byte[] { 0, 4, 255 })
        {
            Assert.Equal(MessageParseError.UnknownType, CanonicalReader.PeekType([1, type, 0, 0], out _));
        }
    }

    [Fact]
    public void TooShortForAHeader_IsEmpty()
    {
        Assert.Equal(MessageParseError.Empty, ParseAnnouncement([]));
        Assert.Equal(MessageParseError.Empty, ParseAnnouncement([1]));
    }

    [Fact]
    public void TrailingBytes_AreRejected()
    {
        using var samples = new SampleMessages();
        foreach (byte[] message in samples.All)
        {
            Assert.Equal(MessageParseError.TrailingBytes, SampleMessages.ParseAny([.. message, 0]));
        }
    }

    [Fact]
    public void OversizedId_IsFieldTooLong_AndA256ByteIdParses()
    {
        byte[] tooLong = AnnouncementWith(w => { w.WriteText(new string('m', 257)); w.WriteText("p"); w.WriteText("d"); });
        byte[] longest = AnnouncementWith(w => { w.WriteText(new string('m', 256)); w.WriteText("p"); w.WriteText("d"); });

        Assert.Equal(MessageParseError.FieldTooLong, ParseAnnouncement(tooLong));
        Assert.True(Announcement.TryParse(longest, out _, out _));
    }

    [Fact]
    public void WrongKeyLength_IsBadFieldLength()
    {
        foreach (int length in new[] { 0, 31, 33 })
        {
            byte[] bytes = AnnouncementWith(w => { w.WriteText("m"); w.WriteText("p"); w.WriteText("d"); }, length);
            Assert.Equal(MessageParseError.BadFieldLength, ParseAnnouncement(bytes));
        }
    }

    [Fact]
    public void EmptyOrInvalidUtf8Id_IsInvalidText()
    {
        byte[] empty = AnnouncementWith(w => { w.WriteText(""); w.WriteText("p"); w.WriteText("d"); });
        byte[] invalid = AnnouncementWith(w => { w.WriteText("m"); w.WriteField([0x61, 0xC3, 0x28]); w.WriteText("d"); });

        Assert.Equal(MessageParseError.InvalidText, ParseAnnouncement(empty));
        Assert.Equal(MessageParseError.InvalidText, ParseAnnouncement(invalid));
    }

    [Fact]
    public void HugeInput_IsMessageTooLarge_BeforeItIsRead()
    {
        byte[] huge = new byte[ProtocolConstants.MaxMessageSize + 1];
        huge[0] = 1;
        huge[1] = 1;

        Assert.Equal(MessageParseError.MessageTooLarge, ParseAnnouncement(huge));
    }

    [Fact]
    public void Roster_Unsorted_Duplicated_Misindexed_Empty_OrMishashed_IsInvalidRoster()
    {
        using var identity = DeviceIdentity.Create("d");
        byte[] key = RandomNumberGenerator.GetBytes(32);
        RosterEntry a = new("a", "d", 0, key, key);
        RosterEntry b = new("b", "d", 1, key, key);
        RosterEntry[][] invalid =
        [
            [b with { SenderIndex = 0 }, a with { SenderIndex = 1 }],
            [a, a with { SenderIndex = 1 }],
            [a, b with { SenderIndex = 2 }],
            [],
        ];
        foreach (RosterEntry[] roster in invalid)
        {
            byte[] bytes = EpochCommitment.Create(identity, "m", 1, "a", roster, EpochKeySchedule.HashRoster(roster), new byte[32], 1);
            Assert.False(EpochCommitment.TryParse(bytes, out _, out MessageParseError error));
            Assert.Equal(MessageParseError.InvalidRoster, error);
        }

        byte[] wrongHash = EpochCommitment.Create(identity, "m", 1, "a", [a, b], new byte[32], new byte[32], 1);
        Assert.False(EpochCommitment.TryParse(wrongHash, out _, out MessageParseError hashError));
        Assert.Equal(MessageParseError.InvalidRoster, hashError);
    }
}
