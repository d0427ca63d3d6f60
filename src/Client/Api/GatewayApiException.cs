using System.Net;

namespace Gateway.Client.Api;

/// <summary>
/// The gateway answered a control call with an error: the HTTP status and the RFC 9457 problem details
/// (<see cref="Title"/>, <see cref="Detail"/>), whose detail says what to do (for example that a room requires
/// end-to-end encryption and the join must offer <c>a=e2ee:sframe</c>).
/// </summary>
public sealed class GatewayApiException : Exception
{
    /// <summary>An error for <paramref name="method"/> <paramref name="path"/> answered with <paramref name="status"/>.</summary>
    public GatewayApiException(string method, string path, HttpStatusCode status, string? title, string? detail)
        : base(Describe(method, path, status, title, detail))
    {
        Method = method;
        Path = path;
        Status = status;
        Title = title;
        Detail = detail;
    }

    /// <summary>The HTTP method of the call.</summary>
    public string Method { get; }

    /// <summary>The path (and query) of the call.</summary>
    public string Path { get; }

    /// <summary>The status the gateway answered.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's title, when the body was problem details.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail (what went wrong and what to do), or the body's text when it was not problem details.</summary>
    public string? Detail { get; }

    private static string Describe(string method, string path, HttpStatusCode status, string? title, string? detail)
    {
        string what = $"{method} {path} answered {(int)status} {title ?? status.ToString()}";
        return string.IsNullOrWhiteSpace(detail) ? what + "." : $"{what}: {detail}";
    }
}
