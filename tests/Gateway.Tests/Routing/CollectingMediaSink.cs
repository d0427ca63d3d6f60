using Gateway.Transport;

namespace Gateway.Tests.Routing;

/// <summary>
/// An <see cref="IMediaSink"/> test double. Keeping mode stores a copy of every committed packet with its path;
/// counting mode (for allocation tests) only counts, allocating nothing.
/// </summary>
internal sealed class CollectingMediaSink(bool keep = true) : IMediaSink
{
    private readonly byte[] _buffer = new byte[1500];

    public int MaxPacketSize => _buffer.Length;

    public List<(byte[] Packet, MediaPath Path)> Sent { get; } = [];

    public long Count { get; private set; }

    public Span<byte> Reserve() => _buffer;

    public void Commit(int length, in MediaPath path, long receivedTimestamp)
    {
        // A plain check, not Assert.InRange: that allocates, and the allocation test counts every byte.
        if (length < 1 || length > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        Count++;
        if (keep)
        {
            Sent.Add((_buffer.AsSpan(0, length).ToArray(), path));
        }
    }

    /// <summary>Takes (and forgets) the packets sent to <paramref name="path"/>.</summary>
    public List<byte[]> TakeFor(MediaPath path)
    {
        var taken = new List<byte[]>();
        Sent.RemoveAll(entry =>
        {
            if (entry.Path == path)
            {
                taken.Add(entry.Packet);
                return true;
            }

            return false;
        });
        return taken;
    }

    public void Clear() => Sent.Clear();
}
