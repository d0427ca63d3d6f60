using Gateway.Crypto.Native;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>
/// RFC 7714 §16 (SRTP) and §17 (SRTCP) test vectors through <see cref="SrtpSession"/>, byte for byte, both
/// ways, on every AES implementation: encrypted packets and the tagged-only (authentication only) forms.
/// The vectors give session keys and salts (no derivation), with ROC 0 and SRTCP index 0x5d4.
/// </summary>
public sealed class Rfc7714VectorTests
{
    public static TheoryData<string, AesImplementation> Blocks
    {
        get
        {
            var data = new TheoryData<string, AesImplementation>();
            foreach (VectorBlock block in VectorFile.Read(VectorPaths.Rfc7714))
            {
                foreach (AesImplementation implementation in CryptoBackend.SupportedImplementations)
                {
                    data.Add(block.Title, implementation);
                }
            }

            return data;
        }
    }

    [Fact]
    public void VectorFile_HoldsEverySection()
    {
        Assert.Equal(12, VectorFile.Read(VectorPaths.Rfc7714).Count);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void ProtectRtpOrRtcp_VectorPacket_GivesTheProtectedPacket(string title, AesImplementation implementation)
    {
        VectorBlock block = Find(title);
        bool rtcp = block.Has("rtcp_packet");
        byte[] plain = Plain(block, rtcp);
        byte[] expected = Protected(block);
        using SrtpSession sender = Session(block, implementation);
        byte[] buffer = new byte[plain.Length + 64];
        plain.CopyTo(buffer, 0);

        SrtpResult result;
        int protectedLength;
        if (rtcp)
        {
            AdvanceRtcpIndex(sender, block);
            result = sender.ProtectRtcp(buffer, plain.Length, out protectedLength);
        }
        else
        {
            result = sender.ProtectRtp(buffer, plain.Length, out protectedLength);
        }

        Assert.Equal(SrtpResult.Ok, result);
        Bytes.Equal(expected, buffer.AsSpan(0, protectedLength), $"{block} on {implementation}");
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void UnprotectRtpOrRtcp_VectorPacket_GivesThePlainPacket(string title, AesImplementation implementation)
    {
        VectorBlock block = Find(title);
        bool rtcp = block.Has("rtcp_packet");
        byte[] plain = Plain(block, rtcp);
        byte[] packet = Protected(block);
        using SrtpSession receiver = Session(block, implementation);
        byte[] buffer = (byte[])packet.Clone();

        int payloadEnd;
        SrtpResult result = rtcp
            ? receiver.UnprotectRtcp(buffer, buffer.Length, out payloadEnd)
            : receiver.UnprotectRtp(buffer, buffer.Length, out payloadEnd);

        Assert.Equal(SrtpResult.Ok, result);
        Bytes.Equal(plain, buffer.AsSpan(0, payloadEnd), $"{block} on {implementation}");
        if (rtcp)
        {
            Assert.True(receiver.TryGetRtcpIndex(0x4d617273, out uint index));
            Assert.Equal(0x5d4u, index);
        }
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void UnprotectRtpOrRtcp_VectorPacketWithOneBitFlipped_FailsAuthentication(string title, AesImplementation implementation)
    {
        VectorBlock block = Find(title);
        bool rtcp = block.Has("rtcp_packet");
        byte[] packet = Protected(block);
        for (int bit = 0; bit < packet.Length * 8; bit += 7)
        {
            using SrtpSession receiver = Session(block, implementation);
            byte[] buffer = (byte[])packet.Clone();
            buffer[bit / 8] ^= (byte)(1 << (bit % 8));
            SrtpResult result = rtcp ? receiver.UnprotectRtcp(buffer, buffer.Length, out _) : receiver.UnprotectRtp(buffer, buffer.Length, out _);
            Assert.NotEqual(SrtpResult.Ok, result);
        }
    }

    // 16.x.4 print only the tagged packet: the RTP packet is it without its 16-byte tag.
    private static byte[] Plain(VectorBlock block, bool rtcp) =>
        rtcp ? block.Bytes("rtcp_packet") : block.BytesOrNull("rtp_packet") ?? block.Bytes("tagged_packet")[..^16];

    private static VectorBlock Find(string title) => VectorFile.Read(VectorPaths.Rfc7714).Single(b => b.Title == title);

    private static byte[] Protected(VectorBlock block) =>
        block.BytesOrNull("srtp_packet") ?? block.BytesOrNull("srtcp_packet") ?? block.Bytes("tagged_packet");

    // The vectors' key and salt are session keys; SRTP and SRTCP use the same ones. Blocks with a
    // tagged_packet (16.x.3/4) or an E=0 index word (17.3/4) are the authentication-only forms.
    private static SrtpSession Session(VectorBlock block, AesImplementation implementation)
    {
        byte[] key = block.Bytes("key");
        byte[] salt = block.Bytes("salt");
        SrtpProfile profile = key.Length == 16 ? SrtpProfile.AeadAes128Gcm : SrtpProfile.AeadAes256Gcm;
        bool rtpTaggedOnly = block.Has("tagged_packet");
        bool rtcpTaggedOnly = block.Has("esrtcp_word") && (block.Bytes("esrtcp_word")[0] & 0x80) == 0;
        var options = new SrtpOptions { EncryptRtp = !rtpTaggedOnly, EncryptRtcp = !rtcpTaggedOnly };
        var keys = new SrtpSessionKeys(key, salt, default, key, salt, default);
        return SrtpSession.CreateFromSessionKeys(profile, keys, options, implementation);
    }

    // The vectors' SRTCP index is 0x5d4; an outbound session counts from 0, so send that many packets first.
    private static void AdvanceRtcpIndex(SrtpSession sender, VectorBlock block)
    {
        uint index = Convert.ToUInt32(Convert.ToHexString(block.Bytes("srtcp_index")), 16);
        byte[] rtcp = block.Bytes("rtcp_packet");
        byte[] scratch = new byte[rtcp.Length + 64];
        for (uint i = 0; i < index; i++)
        {
            rtcp.CopyTo(scratch, 0);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(scratch, rtcp.Length, out _));
        }
    }
}
