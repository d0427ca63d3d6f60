using System.Net;
using System.Net.Sockets;
using Gateway.Client.Statistics;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Media;

/// <summary>
/// The participant's one UDP socket and its two SRTP sessions: outbound with the participant's own key, inbound
/// with the key of the gateway's answer. Publishers share the outbound session, so protect-and-send runs under one
/// lock (an SRTP session is not thread-safe); the receive loop alone uses the inbound one.
/// </summary>
internal sealed class MediaTransport : IDisposable
{
    private readonly Lock _sendLock = new();
    private SrtpSession? _outbound;
    private SrtpSession? _inbound;
    private SocketAddress? _gateway;

    public MediaTransport(IPEndPoint local)
    {
        Socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            Socket.Bind(local);
            Socket.ReceiveBufferSize = 1024 * 1024;
            Socket.SendBufferSize = 1024 * 1024;
        }
        catch
        {
            Socket.Dispose();
            throw;
        }

        LocalEndpoint = (IPEndPoint)Socket.LocalEndPoint!;
    }

    public Socket Socket { get; }

    public IPEndPoint LocalEndpoint { get; }

    public IPEndPoint? GatewayEndpoint { get; private set; }

    public SessionStatistics? Statistics { get; set; }

    public SrtpSession Inbound => _inbound ?? throw new InvalidOperationException("the transport has no keys yet.");

    /// <summary>Sets the keys and the gateway's address once the answer is in.</summary>
    public void Start(IPEndPoint gateway, SrtpProfile profile, ReadOnlySpan<byte> ownKeyAndSalt, ReadOnlySpan<byte> gatewayKeyAndSalt)
    {
        int keyLength = profile.MasterKeyLength();
        _outbound = SrtpSession.Create(profile, ownKeyAndSalt[..keyLength], ownKeyAndSalt[keyLength..]);
        _inbound = SrtpSession.Create(profile, gatewayKeyAndSalt[..keyLength], gatewayKeyAndSalt[keyLength..]);
        GatewayEndpoint = gateway;
        _gateway = gateway.Serialize();
    }

    /// <summary>Protects the RTP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place and sends it; false (counted) when that fails.</summary>
    public bool SendRtp(Span<byte> buffer, int length)
    {
        lock (_sendLock)
        {
            // Null once the session closed: a publisher still running on another thread just stops sending.
            if (_outbound is not SrtpSession outbound)
            {
                return false;
            }

            if (outbound.ProtectRtp(buffer, length, out int protectedLength) != SrtpResult.Ok)
            {
                Statistics?.CountSendFailure();
                return false;
            }

            try
            {
                Socket.SendTo(buffer[..protectedLength], SocketFlags.None, _gateway!);
            }
            catch (SocketException)
            {
                // A full socket buffer or an ICMP error from an earlier send: a lost packet, as UDP would have it.
                Statistics?.CountSendFailure();
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            Statistics?.CountSent(protectedLength);
            return true;
        }
    }

    /// <summary>Closes the socket: the receive loop ends and sends stop. The keys stay until <see cref="Dispose"/>.</summary>
    public void Close() => Socket.Dispose();

    /// <summary>
    /// Closes the socket and wipes both keys. Call it only once the receive loop has ended (after <see cref="Close"/>
    /// and waiting for the loop): the inbound session belongs to that loop, and its AES contexts must not be freed
    /// under it.
    /// </summary>
    public void Dispose()
    {
        Socket.Dispose();
        lock (_sendLock)
        {
            _outbound?.Dispose();
            _outbound = null;
        }

        _inbound?.Dispose();
        _inbound = null;
    }
}
