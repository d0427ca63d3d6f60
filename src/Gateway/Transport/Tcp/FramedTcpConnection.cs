using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Transport.Tcp;

/// <summary>
/// One RFC 4571 connection: RTP and RTCP packets each preceded by a 16-bit big-endian length.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |             LENGTH            |  RTP or RTCP packet ...       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Workers append framed packets to a bounded outbound buffer (<see cref="TryEnqueue"/>); a writer task per
/// connection swaps it with a spare buffer and sends it. The swap takes a lock held for a copy only: TCP is the
/// fallback path for clients behind UDP-blocking networks, and a connection has one writing worker, so the lock is
/// uncontended in practice.
/// </summary>
internal sealed class FramedTcpConnection : IFramedConnection, IDisposable
{
    /// <summary>Bytes a connection may have waiting to be sent; beyond it packets are dropped (QueueFull).</summary>
    public const int OutboundLimit = 256 * 1024;

    private readonly Socket _socket;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _ready = new(0, 1);
    private readonly CancellationTokenSource _closed = new();
    private byte[] _pending = new byte[OutboundLimit];
    private byte[] _spare = new byte[OutboundLimit];
    private int _pendingLength;
    private int _open = 1;

    public FramedTcpConnection(long id, Socket socket)
    {
        Id = id;
        _socket = socket;
        RemoteAddress = socket.RemoteEndPoint is IPEndPoint remote ? RemoteAddress.FromEndPoint(remote) : RemoteAddress.None;
    }

    /// <inheritdoc/>
    public long Id { get; }

    /// <inheritdoc/>
    public RemoteAddress RemoteAddress { get; }

    /// <inheritdoc/>
    public bool IsOpen => Volatile.Read(ref _open) != 0;

    internal Socket Socket => _socket;

    /// <summary>Cancelled when the connection closes.</summary>
    internal CancellationToken Closed => _closed.Token;

    /// <summary>Appends one framed packet for the writer; false when closed or over <see cref="OutboundLimit"/>.</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> packet)
    {
        if (!IsOpen || packet.Length > ushort.MaxValue)
        {
            return false;
        }

        bool wake;
        lock (_gate)
        {
            int start = _pendingLength;
            if (start + 2 + packet.Length > OutboundLimit)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt16BigEndian(_pending.AsSpan(start), (ushort)packet.Length);
            packet.CopyTo(_pending.AsSpan(start + 2));
            _pendingLength = start + 2 + packet.Length;

            // Only the empty-to-non-empty step signals: the writer empties the buffer before it waits again.
            wake = start == 0;
        }

        if (wake)
        {
            _ready.Release();
        }

        return true;
    }

    /// <summary>The writer: sends what workers queued until the connection closes.</summary>
    internal async Task RunWriterAsync()
    {
        CancellationToken closed = _closed.Token;
        try
        {
            while (true)
            {
                await _ready.WaitAsync(closed).ConfigureAwait(false);
                byte[] buffer;
                int length;
                lock (_gate)
                {
                    buffer = _pending;
                    length = _pendingLength;
                    _pending = _spare;
                    _pendingLength = 0;
                    _spare = buffer;
                }

                int sent = 0;
                while (sent < length)
                {
                    sent += await _socket.SendAsync(buffer.AsMemory(sent, length - sent), SocketFlags.None, closed).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Close();
        }
    }

    /// <summary>Marks the connection closed and closes the socket (idempotent).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _open, 0) == 0)
        {
            return;
        }

        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        _ready.Dispose();
        _closed.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"tcp#{Id} {RemoteAddress}";
}
