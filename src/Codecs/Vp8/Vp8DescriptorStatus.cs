namespace Gateway.Codecs.Vp8;

/// <summary>The outcome of reading or writing a VP8 payload descriptor.</summary>
public enum Vp8DescriptorStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The payload ends inside the descriptor (or the destination is too small to write it).</summary>
    Truncated,

    /// <summary>A field is out of range for writing (PID above 7, a 7-bit PictureID above 127, TID above 3, KEYIDX above 31, PictureID above 32767).</summary>
    InvalidField,
}
