using System.Net;
using Gateway.RelayBench.Load;

namespace Gateway.RelayBench.Relays;

/// <summary>A relay process the load generator sends to: the gateway or the C ceiling.</summary>
internal interface IRelayUnderTest : IAsyncDisposable
{
    /// <summary>The relay's process id (its CPU time is what is measured).</summary>
    int Pid { get; }

    /// <summary>
    /// Starts the relay and admits <paramref name="participants"/> (their ports, SSRCs and send keys are set);
    /// fills in each participant's <see cref="ParticipantPlan.ReceiveKey"/> when the relay chooses it. The media address.
    /// </summary>
    Task<IPEndPoint> StartAsync(IReadOnlyList<ParticipantPlan> participants, CancellationToken cancellationToken);

    /// <summary>Stops the relay (SIGTERM, then kill); what it said last.</summary>
    Task<string> StopAsync();
}
