namespace Gateway.Api;

/// <summary>RFC 9457 problem details for every error the control API returns, each with a detail that says what to do.</summary>
internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);

    public static Task BadRequestAsync(HttpContext context, string detail) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, "Bad request", detail);

    public static Task NotFoundAsync(HttpContext context, string detail) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "Not found", detail);

    public static Task ForbiddenAsync(HttpContext context, string detail) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static Task ConflictAsync(HttpContext context, string detail) =>
        WriteAsync(context, StatusCodes.Status409Conflict, "Conflict", detail);

    public static Task UnavailableAsync(HttpContext context, string detail) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

    public static Task TooLargeAsync(HttpContext context, int limit, string what) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The {what} is larger than {limit} bytes; send at most {limit} bytes.");

    public static Task UnsupportedMediaTypeAsync(HttpContext context, string expected) =>
        WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the body as Content-Type: {expected}.");

    public static Task NotRunningAsync(HttpContext context) =>
        UnavailableAsync(context, "The media router is not running on this node; check the node's start-up log.");
}
