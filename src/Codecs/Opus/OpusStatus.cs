namespace Gateway.Codecs.Opus;

/// <summary>The outcome of an encode or decode call.</summary>
public enum OpusStatus
{
    /// <summary>Done; the written length is valid.</summary>
    Ok,

    /// <summary>The PCM span does not hold exactly one 20 ms frame for the channel count.</summary>
    WrongFrameLength,

    /// <summary>The destination is too small for the output.</summary>
    DestinationTooSmall,

    /// <summary>The packet is not a valid Opus packet (RFC 6716 §3.4), or the codec refused it as corrupt.</summary>
    MalformedPacket,

    /// <summary>The packet holds more audio than the decode buffer can take.</summary>
    PacketTooLong,
}
