namespace Gateway.Codecs.Opus;

/// <summary>The encoder's application hint (RFC 6716 / libopus <c>OPUS_APPLICATION_*</c>).</summary>
public enum OpusApplicationMode
{
    /// <summary>Voice over IP: favours intelligibility (SILK/hybrid at low rates, a high-pass filter on the input).</summary>
    Voip,

    /// <summary>General audio: favours faithfulness to the input waveform (CELT at the rates used here).</summary>
    Audio,
}
