using Gateway.Transport;
using Prometheus;

namespace Gateway.Metrics;

/// <summary>
/// The media path's Prometheus series. Workers count into plain per-worker <see cref="MediaCounters"/> (no
/// interlocked operations per packet); these series are filled from them at scrape time, summed over workers.
/// </summary>
/// <remarks>
/// The latency histogram is fed the per-bucket count deltas since the last scrape, each observed at its bucket's
/// upper bound: bucket counts are exact, the histogram's _sum is an upper-bound estimate (the exact sum in
/// Stopwatch ticks is <see cref="MediaCounters.LatencyTicksSum"/>).
/// </remarks>
internal sealed class MediaMetrics
{
    private static readonly MediaDropReason[] Reasons = Enum.GetValues<MediaDropReason>();

    private readonly MediaTransportHost _host;
    private readonly Lock _gate = new();
    private readonly Counter _packetsIn;
    private readonly Counter _bytesIn;
    private readonly Counter _packetsOut;
    private readonly Counter _bytesOut;
    private readonly Counter _forwarded;
    private readonly Counter _dropped;
    private readonly Histogram _latency;
    private readonly Gauge _queueDepth;
    private readonly Gauge _allocated;
    private readonly Gauge _workerAllocated;
    private readonly Gauge _transportInfo;
    private readonly long[] _latencySeen = new long[MediaCounters.LatencyBucketMicroseconds.Length + 1];
    private readonly double[] _latencyValue;
    private bool _infoSet;

    public MediaMetrics(GatewayMetrics metrics, MediaTransportHost host)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _host = host;
        IMetricFactory f = metrics.Factory;
        _packetsIn = f.CreateCounter("gateway_packets_received_total", "Media packets received (UDP datagrams, GRO segments and RFC 4571 frames).");
        _bytesIn = f.CreateCounter("gateway_bytes_received_total", "Media bytes received.");
        _packetsOut = f.CreateCounter("gateway_packets_sent_total", "Media packets sent.");
        _bytesOut = f.CreateCounter("gateway_bytes_sent_total", "Media bytes sent.");
        _forwarded = f.CreateCounter("gateway_forwarded_packets_total", "Packets forwarded from a participant to another (one per subscriber).");
        _dropped = f.CreateCounter("gateway_dropped_packets_total",
            "Media packets dropped, by reason: unknown_source, malformed, auth_failed, replayed, rate_limited, queue_full, send_failed, keyframe_wait.", ["reason"]);

        double[] bounds = new double[MediaCounters.LatencyBucketMicroseconds.Length];
        _latencyValue = new double[bounds.Length + 1];
        for (int i = 0; i < bounds.Length; i++)
        {
            bounds[i] = MediaCounters.LatencyBucketMicroseconds[i] / 1_000_000.0;
            _latencyValue[i] = bounds[i];
        }

        _latencyValue[^1] = bounds[^1] * 2;
        _latency = f.CreateHistogram("gateway_forward_latency_seconds",
            "Receive-to-send time of forwarded packets (per bucket exact; the sum is estimated from bucket bounds).",
            new HistogramConfiguration { Buckets = bounds });
        _queueDepth = f.CreateGauge("gateway_worker_queue_depth", "Packets waiting in a worker's hand-off rings and TCP queue (sampled).", ["worker"]);
        _allocated = f.CreateGauge("gateway_allocated_bytes", "Bytes allocated by the process since start (GC.GetTotalAllocatedBytes).");
        _workerAllocated = f.CreateGauge("gateway_worker_allocated_bytes", "Bytes allocated by a media worker's thread since it started (0 per packet is the goal).", ["worker"]);
        _transportInfo = f.CreateGauge("gateway_media_transport_info", "The media transport this node runs (always 1).", ["transport", "gro", "gso"]);

        // Publish the zero-valued series at once so dashboards see them before the first drop.
        foreach (var reason in Reasons)
        {
            _dropped.WithLabels(Label(reason));
        }

        metrics.Registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>The label value of a drop reason.</summary>
    public static string Label(MediaDropReason reason) => reason switch
    {
        MediaDropReason.UnknownSource => "unknown_source",
        MediaDropReason.Malformed => "malformed",
        MediaDropReason.AuthFailed => "auth_failed",
        MediaDropReason.Replayed => "replayed",
        MediaDropReason.RateLimited => "rate_limited",
        MediaDropReason.QueueFull => "queue_full",
        MediaDropReason.SendFailed => "send_failed",
        MediaDropReason.KeyframeWait => "keyframe_wait",
        _ => reason.ToString().ToLowerInvariant(),
    };

    /// <summary>Copies the workers' counters into the series (before each scrape).</summary>
    public void Update()
    {
        lock (_gate)
        {
            IReadOnlyList<MediaCounters> all = _host.Counters;
            long packetsIn = 0, bytesIn = 0, packetsOut = 0, bytesOut = 0, forwarded = 0;
            foreach (var c in all)
            {
                packetsIn += c.PacketsIn;
                bytesIn += c.BytesIn;
                packetsOut += c.PacketsOut;
                bytesOut += c.BytesOut;
                forwarded += c.Forwarded;
            }

            _packetsIn.IncTo(packetsIn);
            _bytesIn.IncTo(bytesIn);
            _packetsOut.IncTo(packetsOut);
            _bytesOut.IncTo(bytesOut);
            _forwarded.IncTo(forwarded);

            foreach (var reason in Reasons)
            {
                long drops = 0;
                foreach (var c in all)
                {
                    drops += c.Drops(reason);
                }

                _dropped.WithLabels(Label(reason)).IncTo(drops);
            }

            for (int b = 0; b < _latencySeen.Length; b++)
            {
                long total = 0;
                foreach (var c in all)
                {
                    total += c.LatencyBucket(b);
                }

                long delta = total - _latencySeen[b];
                if (delta > 0)
                {
                    _latency.Observe(_latencyValue[b], delta);
                    _latencySeen[b] = total;
                }
            }

            var workers = _host.Workers;
            for (int w = 0; w < workers.Count; w++)
            {
                string label = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _queueDepth.WithLabels(label).Set(workers[w].Counters.QueueDepth);
                _workerAllocated.WithLabels(label).Set(workers[w].AllocatedBytes);
            }

            _allocated.Set(GC.GetTotalAllocatedBytes());

            if (!_infoSet && workers.Count > 0)
            {
                _transportInfo.WithLabels(_host.IsNative ? "native" : "managed", _host.GroEnabled ? "true" : "false", _host.GsoEnabled ? "true" : "false").Set(1);
                _infoSet = true;
            }
        }
    }
}
