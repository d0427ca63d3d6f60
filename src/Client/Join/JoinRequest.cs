using System.Net;
using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Media;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Join;

/// <summary>
/// What a participant offers when it joins: where its media socket is, which tracks it publishes, its SRTP suite
/// and whether its media is end-to-end encrypted. <see cref="GatewayClient.JoinAsync"/> turns it into an SDES SDP offer.
/// </summary>
public sealed record JoinRequest
{
    /// <summary>
    /// The local address the participant's UDP socket binds (port 0 picks a free one). It is also the address
    /// the offer names, so use an address the gateway can reach (127.0.0.1 for a node on this machine).
    /// </summary>
    public IPEndPoint LocalEndpoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The SSRC of the published audio track; null: receive only.</summary>
    public uint? AudioSsrc { get; init; }

    /// <summary>The SSRC of the published video track; null: no video.</summary>
    public uint? VideoSsrc { get; init; }

    /// <summary>The SRTP suite for both directions (the gateway answers with the same suite).</summary>
    public SrtpProfile SrtpSuite { get; init; } = SrtpProfile.AeadAes128Gcm;

    /// <summary>The SDES CNAME of this participant's streams.</summary>
    public string Cname { get; init; } = "gateway-client";

    /// <summary>
    /// Offers <c>a=e2ee:sframe</c>: this participant's media payloads are end-to-end encrypted. Rooms with the
    /// <c>required</c> policy refuse joins without it. Set <see cref="FrameEncryption"/> to the encryption itself.
    /// </summary>
    public bool E2ee { get; init; }

    /// <summary>
    /// Encrypts and decrypts media frames end to end (SFrame); null sends payloads as they are. Required when
    /// <see cref="E2ee"/> is set, ignored otherwise.
    /// </summary>
    public IFrameEncryption? FrameEncryption { get; init; }

    /// <summary>Drives the meeting key exchange from roster events and opaque messages; null: none.</summary>
    public IKeyExchange? KeyExchange { get; init; }

    /// <summary>
    /// Prefixes every published frame's plaintext with its 8-byte capture time (see <see cref="CaptureTimestamp"/>)
    /// and strips it from received frames, so receivers can measure end-to-end latency. Every participant of the
    /// meeting must agree: a receiver without it would decode the prefix as media.
    /// </summary>
    public bool CaptureTimestamps { get; init; }

    /// <summary>The Opus bitrate of <see cref="AudioPublisher.SendPcm"/>, in bits per second (6000–510000).</summary>
    public int OpusBitrate { get; init; } = 48000;

    /// <summary>Receives the decoded audio of every remote track (on the receive loop); null: decode and count only.</summary>
    public IAudioFrameSink? AudioSink { get; init; }

    /// <summary>
    /// Decodes received Opus (for <see cref="AudioSink"/> and the decode counters). Off, received audio is still
    /// reordered, decrypted and counted, but not decoded: Concentus, the managed Opus, allocates about 22 KB per
    /// decoded frame, which a load generator with many receivers may want to spare.
    /// </summary>
    public bool DecodeAudio { get; init; } = true;

    /// <summary>
    /// When set (and <see cref="DecodeAudio"/> is on), only the remote audio tracks with these SSRCs are decoded and
    /// handed to <see cref="AudioSink"/>; the others are still received, decrypted, reordered and counted. A load
    /// generator decodes a sample of its streams this way. Null: every track is decoded.
    /// </summary>
    public IReadOnlySet<uint>? DecodedAudioSsrcs { get; init; }

    /// <summary>How deep each remote audio track's jitter buffer is, in 20 ms frames, before playout starts.</summary>
    public int JitterBufferFrames { get; init; } = 3;

    /// <summary>Opens the participant's event stream right after the join (needed to map SSRCs to participants and to drive <see cref="KeyExchange"/>).</summary>
    public bool OpenEvents { get; init; } = true;

    /// <summary>Throws when the request cannot make a valid offer.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(LocalEndpoint);
        if (AudioSsrc is uint audio && VideoSsrc == audio)
        {
            throw new ArgumentException("the audio and video tracks need different SSRCs.");
        }

        if (E2ee && FrameEncryption is null)
        {
            throw new ArgumentException("an end-to-end encrypted join needs a FrameEncryption.");
        }

        if (string.IsNullOrWhiteSpace(Cname) || Cname.AsSpan().IndexOfAny("\r\n ") >= 0)
        {
            throw new ArgumentException("the CNAME must be one non-empty word.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(OpusBitrate, 6000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(OpusBitrate, 510000);
        ArgumentOutOfRangeException.ThrowIfLessThan(JitterBufferFrames, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(JitterBufferFrames, 50);
    }
}
