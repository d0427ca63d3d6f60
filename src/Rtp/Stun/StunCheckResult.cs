namespace Gateway.Rtp.Stun;

/// <summary>The outcome of checking MESSAGE-INTEGRITY or FINGERPRINT.</summary>
public enum StunCheckResult
{
    /// <summary>The message carries no such attribute.</summary>
    Absent = 0,

    /// <summary>The attribute is present and its value is right.</summary>
    Valid,

    /// <summary>The attribute is present and its value is wrong: the message was altered or the key differs.</summary>
    Invalid,
}
