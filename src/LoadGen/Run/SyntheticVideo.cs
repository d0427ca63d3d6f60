namespace Gateway.LoadGen.Run;

/// <summary>
/// Synthetic video frames of the configured bitrate: delta frames of bitrate / fps bytes and, every keyframe interval,
/// a keyframe four times as large. The first byte follows the VP8 payload header's P bit (0: keyframe, RFC 6386 §9.1)
/// so a gateway that looks for keyframes finds them; the rest is filler.
/// </summary>
internal sealed class SyntheticVideo
{
    private readonly byte[] _buffer;
    private readonly int _deltaBytes;
    private readonly int _keyBytes;
    private readonly long _keyEvery;

    public SyntheticVideo(LoadOptions options)
    {
        _deltaBytes = Math.Clamp(options.VideoBitrate / 8 / Math.Max(1, options.Fps), 16, Client.Media.VideoPublisher.MaxFrameBytes / 4);
        _keyBytes = Math.Min(_deltaBytes * 4, Client.Media.VideoPublisher.MaxFrameBytes - 64);
        _keyEvery = Math.Max(1, (long)Math.Round(options.KeyframeInterval.TotalSeconds * options.Fps));
        _buffer = new byte[_keyBytes];
        for (int i = 0; i < _buffer.Length; i++)
        {
            _buffer[i] = (byte)(i * 31);
        }
    }

    public ReadOnlySpan<byte> Next(long index)
    {
        bool key = index % _keyEvery == 0;
        _buffer[0] = key ? (byte)0x10 : (byte)0x11;
        return _buffer.AsSpan(0, key ? _keyBytes : _deltaBytes);
    }
}
