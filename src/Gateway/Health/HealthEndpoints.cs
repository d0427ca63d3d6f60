using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Health;

/// <summary>
/// /healthz: the process is alive (a supervisor restarts it when this fails).
/// /readyz: the node takes traffic (a load balancer routes here only on 200): 503 while starting
/// or draining.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    private static readonly HealthStatus Ok = new("ok");
    private static readonly HealthStatus Ready = new("ready");
    private static readonly HealthStatus Starting = new("starting");
    private static readonly HealthStatus Draining = new("draining");

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods(LivenessPath, methods, Liveness).WithName("Liveness");
        endpoints.MapMethods(ReadinessPath, methods, Readiness).WithName("Readiness");
        return endpoints;
    }

    private static JsonHttpResult<HealthStatus> Liveness(HttpContext context)
    {
        NoStore(context);
        return TypedResults.Json(Ok, HealthJsonContext.Default.HealthStatus);
    }

    private static JsonHttpResult<HealthStatus> Readiness(HttpContext context, ReadinessState readiness)
    {
        NoStore(context);
        return readiness.State switch
        {
            NodeState.Ready => TypedResults.Json(Ready, HealthJsonContext.Default.HealthStatus),
            NodeState.Draining => TypedResults.Json(Draining, HealthJsonContext.Default.HealthStatus, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => TypedResults.Json(Starting, HealthJsonContext.Default.HealthStatus, statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    // A probe must see the state now, never a cached answer from a proxy.
    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
