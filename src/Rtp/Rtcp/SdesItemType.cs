namespace Gateway.Rtp.Rtcp;

/// <summary>SDES item types (RFC 3550 §6.5, §12.2).</summary>
public enum SdesItemType
{
    /// <summary>END: terminates a chunk's item list (never returned as an item).</summary>
    End = 0,

    /// <summary>CNAME: canonical end-point identifier, required in every compound RTCP packet.</summary>
    CanonicalName = 1,

    /// <summary>NAME: user name.</summary>
    Name = 2,

    /// <summary>EMAIL: e-mail address.</summary>
    Email = 3,

    /// <summary>PHONE: phone number.</summary>
    Phone = 4,

    /// <summary>LOC: geographic location.</summary>
    Location = 5,

    /// <summary>TOOL: application or tool name.</summary>
    Tool = 6,

    /// <summary>NOTE: notice or status.</summary>
    Note = 7,

    /// <summary>PRIV: private extension (a prefix length, prefix and value inside the item value).</summary>
    Private = 8,
}
