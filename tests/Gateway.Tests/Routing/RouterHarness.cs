using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.Routing;
using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Tests.Routing;

/// <summary>
/// A router on one synchronous test worker, its handler, a collecting sink and a clock the test moves: packets
/// go in through <see cref="IMediaHandler.OnPacket"/> exactly as a transport would hand them over.
/// </summary>
internal sealed class RouterHarness : IDisposable
{
    private readonly List<RouterTestClient> _clients = [];
    private int _nextPort = 41_000;

    public RouterHarness(RoutingOptions? options = null, bool keep = true)
    {
        Router = new MediaRouter(options ?? new RoutingOptions());
        Workers = new SyncMediaWorkers(1);
        Router.Attach(Workers);
        Counters = new MediaCounters();
        Handler = Router.CreateHandler(0, Counters);
        Sink = new CollectingMediaSink(keep);
        Now = Stopwatch.GetTimestamp();
    }

    public MediaRouter Router { get; }

    public SyncMediaWorkers Workers { get; }

    public MediaCounters Counters { get; }

    public IMediaHandler Handler { get; }

    internal RouterHandler RouterHandler => (RouterHandler)Handler;

    public CollectingMediaSink Sink { get; }

    /// <summary>The Stopwatch timestamp packets are received at.</summary>
    public long Now { get; set; }

    public void Advance(int milliseconds) => Now += milliseconds * Stopwatch.Frequency / 1_000;

    public void Tick() => Handler.OnTick(Now, Sink);

    public void Deliver(byte[] datagram, MediaPath from)
    {
        int owner = Router.OwnerOf(datagram, from);
        Assert.True(owner is 0 or -1);
        Handler.OnPacket(datagram, from, Now, Sink);
    }

    public void CreateMeeting(string id, E2eePolicy e2ee = E2eePolicy.Optional, int maxParticipants = 0, int maxPacketsPerSecond = 0)
    {
        var status = Router.CreateMeeting(new MeetingOptions { Id = id, E2ee = e2ee, MaxParticipants = maxParticipants, MaxPacketsPerSecondPerParticipant = maxPacketsPerSecond }, out _);
        Assert.Equal(CreateMeetingStatus.Created, status);
    }

    public static ParticipantSpec Spec(string identity, byte[] key, MediaPath path, IReadOnlyList<TrackSpec> tracks, bool e2ee = true,
        SrtpProfile profile = SrtpProfile.AeadAes128Gcm) => new()
    {
        Identity = identity,
        OfferedPath = path,
        Profile = profile,
        InboundKeyAndSalt = (byte[])key.Clone(),
        Tracks = tracks,
        E2ee = e2ee,
    };

    public static TrackSpec Audio(uint ssrc, int? levelId = 1, string? mid = "0") =>
        new() { Kind = MediaKind.Audio, Ssrc = ssrc, AudioLevelExtensionId = levelId, Mid = mid };

    public static TrackSpec Video(uint ssrc, uint? rtx = null, string? mid = "1") =>
        new() { Kind = MediaKind.Video, Ssrc = ssrc, RtxSsrc = rtx, Mid = mid };

    /// <summary>Joins a client with a fresh random key; asserts it joined.</summary>
    public RouterTestClient Join(string meeting, string identity, params TrackSpec[] tracks) => JoinWith(meeting, identity, e2ee: true, tracks);

    public RouterTestClient JoinWith(string meeting, string identity, bool e2ee, params TrackSpec[] tracks)
    {
        var (result, client) = TryJoin(meeting, identity, e2ee, tracks);
        Assert.Equal(JoinStatus.Joined, result.Status);
        return client!;
    }

    public (JoinResult Result, RouterTestClient? Client) TryJoin(string meeting, string identity, bool e2ee, TrackSpec[] tracks,
        SrtpProfile profile = SrtpProfile.AeadAes128Gcm, MediaPath? offered = null)
    {
        byte[] key = RandomNumberGenerator.GetBytes(profile.MasterKeyLength() + profile.MasterSaltLength());
        MediaPath path = offered ?? RouterTestClient.UdpPath(_nextPort++);
        JoinResult result = Router.JoinAsync(meeting, Spec(identity, key, path, tracks, e2ee, profile), CancellationToken.None).GetAwaiter().GetResult();
        if (result.Status != JoinStatus.Joined)
        {
            return (result, null);
        }

        int keyLength = profile.MasterKeyLength();
        byte[] gatewayKey = result.OutboundKeyAndSalt!;
        Assert.Equal(key.Length, gatewayKey.Length);
        var send = SrtpSession.Create(profile, key.AsSpan(0, keyLength), key.AsSpan(keyLength));
        var receive = SrtpSession.Create(profile, gatewayKey.AsSpan(0, keyLength), gatewayKey.AsSpan(keyLength));
        var client = new RouterTestClient(this, result.ParticipantId!, path, send, receive, tracks, result);
        _clients.Add(client);
        return (result, client);
    }

    public void Dispose()
    {
        foreach (RouterTestClient client in _clients)
        {
            client.Dispose();
        }

        Router.Dispose();
    }
}
