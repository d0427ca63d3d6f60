namespace Gateway.Client.Api;

/// <summary>A room's end-to-end encryption policy (the <c>e2ee</c> field of a room).</summary>
public enum E2eePolicy
{
    /// <summary>Participants may or may not be end-to-end encrypted; the unencrypted ones are announced by <c>e2ee</c> events.</summary>
    Optional = 0,

    /// <summary>Every participant must offer <c>a=e2ee:sframe</c>; other joins are refused with 403.</summary>
    Required,

    /// <summary>No participant is end-to-end encrypted.</summary>
    Off,
}
