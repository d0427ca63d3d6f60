using Gateway.Crypto.Native.Replay;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// The state of one SSRC in one direction of a session (RFC 3711 §3.2.3's per-stream part of the
/// cryptographic context): for SRTP the highest index s_l and ROC (the window's highest index is
/// ROC·2^16 + s_l), for SRTCP the highest SRTCP index; and the replay list.
/// </summary>
internal sealed class SrtpStream(uint ssrc, int replayWindow)
{
    public uint Ssrc { get; } = ssrc;

    /// <summary>The highest index and the replay bitmap. Outbound: the indices sent (a nonce is never used twice).</summary>
    public ReplayWindow Window { get; } = new(replayWindow);

    /// <summary>The replay window's verdict on <paramref name="index"/> as an SRTP result.</summary>
    public SrtpResult CheckReplay(ulong index) => CheckReplay(Window, index);

    /// <summary><paramref name="window"/>'s verdict on <paramref name="index"/> as an SRTP result.</summary>
    public static SrtpResult CheckReplay(ReplayWindow window, ulong index) => window.Check(index) switch
    {
        ReplayCheck.Fresh => SrtpResult.Ok,
        ReplayCheck.Replayed => SrtpResult.Replayed,
        _ => SrtpResult.TooOld,
    };

    /// <summary>The rollover counter of the highest SRTP index (RFC 3711 §3.3.1); 0 before the first packet.</summary>
    public uint RolloverCounter => (uint)(Window.Highest >> 16);
}
