using Gateway.Crypto.Native.Replay;

namespace Gateway.E2ee.SFrame;

/// <summary>A receive key and the replay window of its KID.</summary>
internal sealed class SFrameReceiveKey(SFrameKey key, int replayWindow) : IDisposable
{
    public SFrameKey Key { get; } = key;

    public ReplayWindow Window { get; } = new(replayWindow);

    public void Dispose() => Key.Dispose();
}
