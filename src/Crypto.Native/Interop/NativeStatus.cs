namespace Gateway.Crypto.Native;

/// <summary>The <c>gw_status</c> values of gateway_native.h.</summary>
internal static class NativeStatus
{
    internal const int Ok = 0;
    internal const int Argument = -1;
    internal const int Authentication = -2;
    internal const int Unsupported = -3;
    internal const int NoMemory = -4;

    /// <summary>A status for messages ("GW_ERR_AUTH (-2)").</summary>
    internal static string Describe(int status) => status switch
    {
        Ok => "GW_OK (0)",
        Argument => "GW_ERR_ARGUMENT (-1)",
        Authentication => "GW_ERR_AUTH (-2)",
        Unsupported => "GW_ERR_UNSUPPORTED (-3)",
        NoMemory => "GW_ERR_NO_MEMORY (-4)",
        _ => $"unknown status {status}",
    };
}
