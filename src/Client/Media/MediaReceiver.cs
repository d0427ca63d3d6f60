using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Gateway.Client.Join;
using Gateway.Rtp.Packets;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Media;

/// <summary>
/// The session's receive loop: one datagram at a time from the participant's socket into one preallocated buffer,
/// RTCP counted and left alone (RFC 5761 demux on the payload type), SRTP unprotected in place with the gateway's key,
/// then handed to the remote track its SSRC names. A track unknown so far is made on its first authenticated packet
/// (media may overtake its <c>track</c> event), up to <see cref="MaxTracks"/>.
/// </summary>
internal sealed class MediaReceiver
{
    public const int MaxTracks = 256;

    private readonly MediaTransport _transport;
    private readonly ReceiveContext _context;
    private readonly ConcurrentDictionary<uint, RemoteTrack> _tracks = new();
    private readonly byte[] _buffer = new byte[RtpFormats.MaxDatagramBytes];
    private Task? _loop;

    public MediaReceiver(MediaTransport transport, ReceiveContext context)
    {
        _transport = transport;
        _context = context;
    }

    public ICollection<RemoteTrack> Tracks => _tracks.Values;

    public bool TryGetTrack(uint ssrc, out RemoteTrack track) => _tracks.TryGetValue(ssrc, out track!);

    /// <summary>The track of <paramref name="ssrc"/>, made if new (control plane: the <c>track</c> event).</summary>
    public RemoteTrack GetOrAddTrack(uint ssrc, MediaKind kind) => _tracks.GetOrAdd(ssrc, static (s, state) => new RemoteTrack(s, state.kind, state.context), (kind, context: _context));

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Waits for the loop to end (after the socket closed).</summary>
    public Task StopAsync() => _loop ?? Task.CompletedTask;

    /// <summary>Handles one datagram as received (the unit the tests drive without a socket).</summary>
    internal void Handle(Span<byte> datagram)
    {
        if (datagram.Length < 12 || (datagram[0] >> 6) != 2)
        {
            _context.Statistics.CountMalformed();
            return;
        }

        if (datagram[1] is >= 192 and <= 223)
        {
            _context.Statistics.CountRtcp();
            return;
        }

        SrtpResult unprotected = _transport.Inbound.UnprotectRtp(datagram, datagram.Length, out int end);
        if (unprotected != SrtpResult.Ok)
        {
            // A copy of a packet SRTP already took (RFC 3711 §3.3.2) is a duplicate on the wire, not a decrypt failure.
            if (unprotected is SrtpResult.Replayed or SrtpResult.TooOld)
            {
                _context.Statistics.CountDuplicate();
            }
            else
            {
                _context.Statistics.CountSrtpFailure();
            }

            return;
        }

        if (RtpPacket.TryParse(datagram[..end], out RtpPacket packet) != RtpParseResult.Ok)
        {
            _context.Statistics.CountMalformed();
            return;
        }

        _context.Statistics.CountReceived(datagram.Length);
        if (!_tracks.TryGetValue(packet.Ssrc, out RemoteTrack? track))
        {
            MediaKind? kind = packet.PayloadType switch
            {
                RtpFormats.OpusPayloadType => MediaKind.Audio,
                RtpFormats.VideoPayloadType => MediaKind.Video,
                _ => null,
            };
            if (kind is not MediaKind k || _tracks.Count >= MaxTracks)
            {
                _context.Statistics.CountMalformed();
                return;
            }

            track = GetOrAddTrack(packet.Ssrc, k);
        }

        track.OnPacket(packet, Stopwatch.GetTimestamp());
    }

    private async Task RunAsync()
    {
        Socket socket = _transport.Socket;
        Memory<byte> memory = _buffer;
        while (true)
        {
            int length;
            try
            {
                length = await socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP errors of earlier sends surface here on some systems: the socket still works.
                continue;
            }

            Handle(_buffer.AsSpan(0, length));
        }
    }
}
