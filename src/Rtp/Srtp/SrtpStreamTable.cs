namespace Gateway.Rtp.Srtp;

/// <summary>
/// The streams of one session, found by SSRC: a flat array searched with a vectorised IndexOf (a session
/// has a handful of SSRCs: audio, video layers, RTX), grown by doubling up to the session's MaxStreams.
/// Finding allocates nothing; only a new stream allocates.
/// </summary>
internal sealed class SrtpStreamTable
{
    private readonly int _maxStreams;
    private readonly int _replayWindow;
    private uint[] _ssrcs;
    private SrtpStream[] _streams;
    private int _count;

    public SrtpStreamTable(int maxStreams, int replayWindow)
    {
        _maxStreams = maxStreams;
        _replayWindow = replayWindow;
        int initial = Math.Min(maxStreams, 4);
        _ssrcs = new uint[initial];
        _streams = new SrtpStream[initial];
    }

    public int Count => _count;

    public bool IsFull => _count >= _maxStreams;

    public SrtpStream? Find(uint ssrc)
    {
        int i = _ssrcs.AsSpan(0, _count).IndexOf(ssrc);
        return i >= 0 ? _streams[i] : null;
    }

    /// <summary>The stream for <paramref name="ssrc"/>, made if there is none; null when the table is full.</summary>
    public SrtpStream? FindOrAdd(uint ssrc)
    {
        SrtpStream? stream = Find(ssrc);
        if (stream is not null || IsFull)
        {
            return stream;
        }

        if (_count == _ssrcs.Length)
        {
            int capacity = Math.Min(_maxStreams, _count * 2);
            Array.Resize(ref _ssrcs, capacity);
            Array.Resize(ref _streams, capacity);
        }

        stream = new SrtpStream(ssrc, _replayWindow);
        _ssrcs[_count] = ssrc;
        _streams[_count] = stream;
        _count++;
        return stream;
    }

    public bool Remove(uint ssrc)
    {
        int i = _ssrcs.AsSpan(0, _count).IndexOf(ssrc);
        if (i < 0)
        {
            return false;
        }

        // Order does not matter: move the last stream into the hole.
        int last = _count - 1;
        _ssrcs[i] = _ssrcs[last];
        _streams[i] = _streams[last];
        _streams[last] = null!;
        _count = last;
        return true;
    }
}
