using System.Text;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>Connectivity checks as a browser sends them to an ICE-lite peer, with knobs to break them.</summary>
internal static class IceRequests
{
    public const string LocalUfrag = "gW7k";
    public const string LocalPassword = "xJ2m9Qp4Lr8Vz1Nc6Tb3Hs";
    public const string RemoteUfrag = "Br0w";

    public static byte[] Build(
        string? username = LocalUfrag + ":" + RemoteUfrag,
        string? password = LocalPassword,
        bool useCandidate = true,
        bool controlling = true,
        bool controlled = false,
        bool fingerprint = true,
        byte[]? transactionId = null,
        StunMessageType? type = null,
        params (int Type, byte[] Value)[] extra)
    {
        var buffer = new byte[1024];
        var writer = new StunMessageWriter(buffer, type ?? StunMessageType.BindingRequest, transactionId ?? StunRaw.TransactionId);
        if (username is not null)
        {
            Check(writer.TryAddUsername(Encoding.ASCII.GetBytes(username)));
        }

        // Chrome sends GOOG-NETWORK-INFO (0xC057), comprehension-optional: it must not disturb anything.
        Check(writer.TryAddAttribute((StunAttributeType)0xC057, [0x00, 0x01, 0x00, 0x0A]));
        Check(writer.TryAddPriority(0x6E7F1EFF));
        if (controlling)
        {
            Check(writer.TryAddIceControlling(0x1122334455667788));
        }

        if (controlled)
        {
            Check(writer.TryAddIceControlled(0x8877665544332211));
        }

        if (useCandidate)
        {
            Check(writer.TryAddUseCandidate());
        }

        foreach ((int attributeType, byte[] value) in extra)
        {
            Check(writer.TryAddAttribute((StunAttributeType)attributeType, value));
        }

        if (password is not null)
        {
            using var integrity = StunIntegrity.FromShortTermPassword(Encoding.ASCII.GetBytes(password));
            Check(writer.TryAddMessageIntegrity(integrity));
        }

        if (fingerprint)
        {
            Check(writer.TryAddFingerprint());
        }

        return writer.Written.ToArray();
    }

    private static void Check(bool written) => Assert.True(written, "the test request did not fit");
}
