namespace Gateway.Routing;

/// <summary>The outcome of relaying an opaque message.</summary>
public enum MessageDelivery
{
    /// <summary>Queued on the recipients' event streams.</summary>
    Delivered = 0,

    /// <summary>No such meeting, sender or recipient.</summary>
    NotFound = 1,

    /// <summary>The message is larger than the limit (64 KiB).</summary>
    TooLarge = 2,
}
