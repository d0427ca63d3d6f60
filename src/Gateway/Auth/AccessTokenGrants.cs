namespace Gateway.Auth;

/// <summary>What a token lets its holder do, carried in the <c>grants</c> claim as lower-case words.</summary>
[Flags]
internal enum AccessTokenGrants
{
    None = 0,

    /// <summary>Send media into the room.</summary>
    Publish = 1,

    /// <summary>Receive the room's media.</summary>
    Subscribe = 2,

    /// <summary>Create, end and inspect rooms; remove participants.</summary>
    Admin = 4,
}
