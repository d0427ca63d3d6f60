namespace Gateway.Client.Api;

/// <summary>
/// The gateway's control API could not be reached at all (connection refused, name not resolved, timeout):
/// nothing answered, as opposed to an error answer (<see cref="GatewayApiException"/>).
/// </summary>
public sealed class GatewayUnreachableException : Exception
{
    /// <summary>The API at <paramref name="baseAddress"/> did not answer <paramref name="method"/> <paramref name="path"/>.</summary>
    public GatewayUnreachableException(Uri baseAddress, string method, string path, Exception inner)
        : base($"cannot reach the gateway at {baseAddress} ({method} {path}): {inner?.Message}", inner)
    {
        BaseAddress = baseAddress;
    }

    /// <summary>The control API address that did not answer.</summary>
    public Uri BaseAddress { get; }
}
