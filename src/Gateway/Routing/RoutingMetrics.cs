using Gateway.Metrics;

namespace Gateway.Routing;

/// <summary>The router's gauges: gateway_rooms and gateway_participants, read from the router at each scrape.</summary>
internal static class RoutingMetrics
{
    public static void Register(GatewayMetrics metrics, MediaRouter router)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(router);
        var rooms = metrics.Factory.CreateGauge("gateway_rooms", "Meetings on this node.");
        var participants = metrics.Factory.CreateGauge("gateway_participants", "Participants in all meetings on this node.");
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            rooms.Set(router.MeetingCount);
            participants.Set(router.ParticipantCount);
        });
    }
}
