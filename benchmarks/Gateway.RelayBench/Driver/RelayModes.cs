namespace Gateway.RelayBench.Driver;

/// <summary>The command-line and report names of <see cref="RelayMode"/>.</summary>
internal static class RelayModes
{
    public static readonly RelayMode[] All = [RelayMode.Ceiling, RelayMode.CeilingPlain, RelayMode.Native, RelayMode.NativeAllCores, RelayMode.Managed];

    public static string Name(RelayMode mode) => mode switch
    {
        RelayMode.Native => "native",
        RelayMode.NativeAllCores => "native-all-cores",
        RelayMode.Managed => "managed",
        RelayMode.Ceiling => "ceiling",
        RelayMode.CeilingPlain => "ceiling-plain",
        _ => mode.ToString(),
    };

    public static string Describe(RelayMode mode) => mode switch
    {
        RelayMode.Native => "gateway, native transport (recvmmsg/sendmmsg, GRO/GSO), 1 worker",
        RelayMode.NativeAllCores => "gateway, native transport, 1 worker per core (hand-off rings)",
        RelayMode.Managed => "gateway, managed transport (Socket), 1 worker",
        RelayMode.Ceiling => "C relay, recvmmsg/sendmmsg + GRO/GSO (the ceiling)",
        RelayMode.CeilingPlain => "C relay, recvmmsg/sendmmsg only",
        _ => mode.ToString(),
    };

    public static bool IsGateway(RelayMode mode) => mode is RelayMode.Native or RelayMode.NativeAllCores or RelayMode.Managed;

    public static bool TryParse(string text, out RelayMode mode)
    {
        foreach (RelayMode m in All)
        {
            if (string.Equals(Name(m), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mode = m;
                return true;
            }
        }

        mode = default;
        return false;
    }
}
