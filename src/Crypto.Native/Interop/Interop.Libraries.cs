namespace Gateway.Crypto.Native;

internal static partial class Interop
{
    /// <summary>The native library and the export shape this assembly was written against.</summary>
    internal static class Libraries
    {
        /// <summary>libgateway_native.so, found by <see cref="NativeLibraryResolver"/>.</summary>
        internal const string GatewayNative = "gateway_native";

        /// <summary>
        /// GW_ABI_VERSION of gateway_native.h. A library reporting another value from gw_abi_version()
        /// has exports of another shape: calling them could corrupt memory, so it counts as unavailable.
        /// </summary>
        internal const int AbiVersion = 1;
    }
}
