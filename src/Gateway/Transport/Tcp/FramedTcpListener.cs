using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Transport.Tcp;

/// <summary>
/// The RFC 4571 listener on the media port number: accepts connections (up to a limit), reads frames with a
/// <see cref="PipeReader"/> and hands each to the worker that owns its meeting. Frames are copied into pooled
/// buffers (ArrayPool) and queued to the worker (a ConcurrentQueue per worker): allocation-free in the steady
/// state except the queue's segments; TCP carries the few clients whose networks block UDP, the hot path is UDP.
/// </summary>
internal sealed class FramedTcpListener : IDisposable
{
    /// <summary>The largest frame accepted: a worker's packet slot. A longer one (or an empty one) closes the connection.</summary>
    public const int MaxFrameLength = MediaTransportHost.SlotSize;

    private readonly MediaTransportHost _host;
    private readonly Socket _socket;
    private readonly int _maxConnections;
    private readonly ConcurrentDictionary<long, FramedTcpConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private long _nextId;
    private Task? _accepting;

    public FramedTcpListener(MediaTransportHost host, IPEndPoint local, int maxConnections)
    {
        _host = host;
        _maxConnections = maxConnections;
        _socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _socket.Bind(local);
            _socket.Listen(512);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections.</summary>
    public int ConnectionCount => _connections.Count;

    public void Start() => _accepting = Task.Run(AcceptLoopAsync);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // the peer gave up before we accepted: keep listening
            }

            if (_connections.Count >= _maxConnections)
            {
                _host.Log.TcpConnectionRefused(_maxConnections);
                accepted.Dispose();
                continue;
            }

            accepted.NoDelay = true;
            var connection = new FramedTcpConnection(Interlocked.Increment(ref _nextId), accepted);
            _connections[connection.Id] = connection;
            lock (_tasks)
            {
                _tasks.RemoveAll(task => task.IsCompleted);
                _tasks.Add(RunConnectionAsync(connection));
            }
        }
    }

    private async Task RunConnectionAsync(FramedTcpConnection connection)
    {
        Task writer = connection.RunWriterAsync();
        try
        {
            await ReadFramesAsync(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Close();
            await writer.ConfigureAwait(false);
            _connections.TryRemove(connection.Id, out _);
            connection.Dispose();
        }
    }

    private async Task ReadFramesAsync(FramedTcpConnection connection)
    {
        await using var stream = new NetworkStream(connection.Socket, ownsSocket: false);
        PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(connection.Closed).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                bool malformed = !TryDispatchFrames(connection, ref buffer);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (malformed)
                {
                    _host.CountTcpDrop(MediaDropReason.Malformed);
                    return;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands every complete frame in <paramref name="buffer"/> over and slices them off; false on a bad length.</summary>
    private bool TryDispatchFrames(FramedTcpConnection connection, ref ReadOnlySequence<byte> buffer)
    {
        var path = new MediaPath(connection);
        while (true)
        {
            var header = new SequenceReader<byte>(buffer);
            if (!header.TryReadBigEndian(out short raw))
            {
                return true;
            }

            int length = (ushort)raw;
            if (length == 0 || length > MaxFrameLength)
            {
                return false;
            }

            if (header.Remaining < length)
            {
                return true;
            }

            long timestamp = Stopwatch.GetTimestamp();
            byte[] frame = ArrayPool<byte>.Shared.Rent(length);
            buffer.Slice(2, length).CopyTo(frame);
            buffer = buffer.Slice(2 + length);
            _host.DispatchFramed(new FramedPacket(connection, frame, length, timestamp), path);
        }
    }

    /// <summary>Stops accepting and closes every connection; waits (at most 5 s) for their tasks.</summary>
    public async Task StopAsync()
    {
        _stopping.Cancel();
        _socket.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Close();
        }

        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks, _accepting ?? Task.CompletedTask];
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Every connection is closed; a task that did not finish in time ends on its own.
        }
    }

    /// <summary>Releases the listener (after <see cref="StopAsync"/>).</summary>
    public void Dispose()
    {
        _socket.Dispose();
        _stopping.Dispose();
    }
}
