using System.Net;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Sdp;

/// <summary>What <see cref="SdpAnswerBuilder"/> puts into an answer besides what it echoes from the offer.</summary>
public sealed class SdpAnswerOptions
{
    /// <summary>The answerer's media address (c= of the answer).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The answerer's media port for every accepted m= line.</summary>
    public required int Port { get; init; }

    /// <summary>The SRTP profile accepted (each accepted m= line must offer it).</summary>
    public required SrtpProfile Profile { get; init; }

    /// <summary>The answerer's master key followed by its salt (referenced, not copied: wipe it after writing).</summary>
    public required byte[] KeyAndSalt { get; init; }

    /// <summary>The o= session id.</summary>
    public ulong SessionId { get; init; }

    /// <summary>Whether the answerer is ICE-lite (a=ice-lite).</summary>
    public bool IceLite { get; init; }

    /// <summary>The answerer's ICE username fragment, or null.</summary>
    public string? IceUfrag { get; init; }

    /// <summary>The answerer's ICE password, or null.</summary>
    public string? IcePassword { get; init; }
}
