using System.Buffers.Binary;
using Gateway.Crypto.Native;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>Protect then unprotect gives the packet back: every profile on every AES implementation this CPU runs.</summary>
public sealed class SrtpSessionRoundTripTests
{
    public static TheoryData<SrtpProfile, AesImplementation> Cases => SrtpTestData.ProfilesTimesImplementations;

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnprotectRtp_AfterProtectRtp_GivesThePacketBack(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, random, implementation: implementation);
        using (sender)
        using (receiver)
        {
            Assert.Equal(implementation, sender.Implementation);
            byte[] original = new byte[SrtpTestData.BufferSize];
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            for (int i = 0; i < 300; i++)
            {
                ushort sequence = (ushort)(65400 + i); // crosses the wrap: ROC 0 then 1
                int length = SrtpTestData.WriteRandomRtp(original, random, sequence, 0xCAFEBABE);
                original.AsSpan(0, length).CopyTo(buffer);

                Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                Assert.Equal(length + profile.RtpTagLength(), protectedLength);
                int payloadStart = Gateway.Rtp.Packets.RtpHeader.TryGetLength(original.AsSpan(0, length), out int h) ? h : -1;
                Assert.True(original.AsSpan(0, payloadStart).SequenceEqual(buffer.AsSpan(0, payloadStart)), "the header is sent in the clear");
                if (length - payloadStart >= 16)
                {
                    Assert.False(original.AsSpan(payloadStart, length - payloadStart).SequenceEqual(buffer.AsSpan(payloadStart, length - payloadStart)),
                        $"payload not encrypted, {TestSeed.Describe(seed)}");
                }

                Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, protectedLength, out int payloadEnd));
                Assert.Equal(length, payloadEnd);
                Assert.True(original.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, length)), $"packet {i}, {TestSeed.Describe(seed)}");
            }

            Assert.True(receiver.TryGetRtpState(0xCAFEBABE, out uint roc, out ushort highest));
            Assert.Equal(1u, roc);
            Assert.Equal(unchecked((ushort)(65400 + 299)), highest);
            Assert.True(sender.TryGetRtpState(0xCAFEBABE, out uint senderRoc, out _));
            Assert.Equal(1u, senderRoc);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnprotectRtcp_AfterProtectRtcp_GivesThePacketBack(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, random, implementation: implementation);
        using (sender)
        using (receiver)
        {
            byte[] original = new byte[SrtpTestData.BufferSize];
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            for (int i = 0; i < 100; i++)
            {
                int length = SrtpTestData.WriteRtcp(original, random, 0x01020304, random.Next(0, 32));
                original.AsSpan(0, length).CopyTo(buffer);

                Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(buffer, length, out int protectedLength));
                Assert.Equal(length + profile.RtcpOverhead(), protectedLength);
                uint word = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(profile.IsAead() ? protectedLength - 4 : length));
                Assert.Equal(0x8000_0000u | (uint)i, word); // E set, index counting from 0
                Assert.True(original.AsSpan(0, 8).SequenceEqual(buffer.AsSpan(0, 8)));

                Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtcp(buffer, protectedLength, out int payloadEnd));
                Assert.Equal(length, payloadEnd);
                Assert.True(original.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, length)), $"packet {i}, {TestSeed.Describe(seed)}");
            }

            Assert.True(receiver.TryGetRtcpIndex(0x01020304, out uint index));
            Assert.Equal(99u, index);
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtpAndRtcp_AuthenticationOnlySessions_GiveThePacketBackUnencrypted(SrtpProfile profile)
    {
        var random = new Random(17);
        var options = new SrtpOptions { EncryptRtp = false, EncryptRtcp = false };
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, random, options);
        using (sender)
        using (receiver)
        {
            byte[] original = new byte[SrtpTestData.BufferSize];
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            int length = SrtpTestData.WriteRtp(original, random, 7, 9, 200, csrcs: 2, extensionWords: 1);
            original.AsSpan(0, length).CopyTo(buffer);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
            Assert.True(original.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, length)), "nothing encrypted");
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, protectedLength, out int payloadEnd));
            Assert.Equal(length, payloadEnd);

            length = SrtpTestData.WriteRtcp(original, random, 9);
            original.AsSpan(0, length).CopyTo(buffer);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(buffer, length, out protectedLength));
            Assert.True(original.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, length)), "nothing encrypted");
            Assert.Equal(0, buffer[profile.IsAead() ? protectedLength - 4 : length] & 0x80); // E = 0
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtcp(buffer, protectedLength, out payloadEnd));
            Assert.Equal(length, payloadEnd);
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtp_EmptyPayloadAndLongHeader_RoundTrips(SrtpProfile profile)
    {
        var random = new Random(5);
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, random);
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            int length = SrtpTestData.WriteRtp(buffer, random, 1, 2, 0, csrcs: 15, extensionWords: 255);
            byte[] original = buffer.AsSpan(0, length).ToArray();
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, protectedLength, out int payloadEnd));
            Assert.True(original.AsSpan().SequenceEqual(buffer.AsSpan(0, payloadEnd)));
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void UnprotectRtp_ManySsrcs_KeepsAStreamEach(SrtpProfile profile)
    {
        var random = new Random(11);
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, random);
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            for (int round = 0; round < 3; round++)
            {
                for (uint ssrc = 1; ssrc <= 40; ssrc++)
                {
                    int length = SrtpTestData.WriteRtp(buffer, random, (ushort)(ssrc * 1000 + round), ssrc, 50);
                    Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                    Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, protectedLength, out _));
                }
            }

            Assert.Equal(40, receiver.RtpStreamCount);
            Assert.True(receiver.TryGetRtpState(33, out _, out ushort highest));
            Assert.Equal((ushort)33002, highest);
        }
    }
}
