namespace Gateway.Routing;

/// <summary>A meeting's end-to-end encryption policy.</summary>
public enum E2eePolicy
{
    /// <summary>Every participant must declare E2EE; one that does not is refused.</summary>
    Required = 0,

    /// <summary>Participants choose; everyone is told who is not encrypted.</summary>
    Optional = 1,

    /// <summary>No E2EE (media is protected hop by hop with SRTP only).</summary>
    Off = 2,
}
