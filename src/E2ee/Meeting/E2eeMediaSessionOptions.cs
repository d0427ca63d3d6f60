using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Meeting;

/// <summary>Settings of an <see cref="E2eeMediaSession"/>.</summary>
public sealed class E2eeMediaSessionOptions
{
    /// <summary>The SFrame cipher suite every participant of the meeting uses.</summary>
    public SFrameCipherSuite Suite { get; init; } = SFrameCipherSuite.AesGcm256Sha512_128;

    /// <summary>Frames accepted per sender up to this many counters behind the newest.</summary>
    public int ReplayWindow { get; init; } = 128;

    /// <summary>How long the previous epoch's receive keys stay after a new epoch, for frames in flight.</summary>
    public TimeSpan PreviousEpochGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock for <see cref="PreviousEpochGrace"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
