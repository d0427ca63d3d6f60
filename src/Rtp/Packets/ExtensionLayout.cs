namespace Gateway.Rtp.Packets;

/// <summary>Where the header extension of a parsed packet sits, for <see cref="RtpHeaderExtensionEditor"/>.</summary>
/// <param name="Form">The extension's form (None when X is clear).</param>
/// <param name="Profile">The "defined by profile" field.</param>
/// <param name="ExtensionOffset">Where the extension header is (or would be): 12 + 4 × CC.</param>
/// <param name="DataLength">The extension data length (after the 4-byte extension header).</param>
/// <param name="TailOffset">Where the payload starts: the header length.</param>
internal readonly record struct ExtensionLayout(RtpHeaderExtensionForm Form, ushort Profile, int ExtensionOffset, int DataLength, int TailOffset)
{
    /// <summary>Where the extension data starts.</summary>
    public int DataOffset => ExtensionOffset + 4;
}
