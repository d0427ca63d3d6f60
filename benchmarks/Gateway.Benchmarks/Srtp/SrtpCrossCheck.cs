using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// Run by every SRTP suite's setup before anything is timed: both implementations must produce the same
/// bytes for the same packet (SRTP is deterministic for a given key and index) and each must unprotect the
/// other's packet back to the original, so the two sides measured are doing the same, correct work.
/// </summary>
internal static class SrtpCrossCheck
{
    public static void Run(SrtpProfile profile, int payloadLength, AesImplementation implementation)
    {
        byte[] key = SrtpInputs.MasterKey(profile);
        byte[] salt = SrtpInputs.MasterSalt(profile);
        int capacity = SrtpInputs.HeaderLength + payloadLength + SrtpInputs.Room;
        byte[] original = new byte[capacity];
        byte[] ours = new byte[capacity];
        byte[] theirs = new byte[capacity];
        int length = SrtpInputs.WritePacket(original, 7, payloadLength);
        original.CopyTo(ours, 0);
        original.CopyTo(theirs, 0);

        using SrtpSession ourOut = SrtpSession.Create(profile, key, salt, implementation: implementation);
        using SrtpSession ourIn = SrtpSession.Create(profile, key, salt, implementation: implementation);
        using LibsrtpSession libOut = LibsrtpSession.Create(SrtpInputs.ToLibsrtp(profile), key, salt, LibsrtpDirection.Outbound);
        using LibsrtpSession libIn = LibsrtpSession.Create(SrtpInputs.ToLibsrtp(profile), key, salt, LibsrtpDirection.Inbound);

        Expect(ourOut.ProtectRtp(ours, length, out int ourLength) == SrtpResult.Ok, profile, "ours failed to protect");
        Expect(libOut.ProtectRtp(theirs, length, out int theirLength) == LibsrtpStatus.Ok, profile, "libsrtp failed to protect");
        Expect(ourLength == theirLength && ours.AsSpan(0, ourLength).SequenceEqual(theirs.AsSpan(0, theirLength)), profile,
            "ours and libsrtp protected the same packet to different bytes");

        Expect(libIn.UnprotectRtp(ours, ourLength, out int plain) == LibsrtpStatus.Ok && plain == length
            && ours.AsSpan(0, length).SequenceEqual(original.AsSpan(0, length)), profile, "libsrtp did not unprotect our packet");
        Expect(ourIn.UnprotectRtp(theirs, theirLength, out int end) == SrtpResult.Ok && end == length
            && theirs.AsSpan(0, length).SequenceEqual(original.AsSpan(0, length)), profile, "ours did not unprotect libsrtp's packet");
    }

    private static void Expect(bool condition, SrtpProfile profile, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{profile}: {what}; the benchmark would measure different work on the two sides.");
        }
    }
}
