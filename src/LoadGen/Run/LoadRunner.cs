using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Codecs.Quality;
using Gateway.E2ee.Keys;
using Gateway.LoadGen.Auth;
using Gateway.LoadGen.Quality;
using Gateway.LoadGen.Report;

namespace Gateway.LoadGen.Run;

/// <summary>
/// One load run: pre-encodes the sources when senders replay loops, creates the rooms, joins every participant (each
/// publishes audio, and video when asked), lets the <see cref="MediaPacer"/> send for the duration while sampling the
/// counters for the live view, drains, then checks the quality of the sampled streams (SNR of the decoded Opus against
/// the sender's regenerated source), leaves, ends the rooms and returns the report with both processes' CPU time.
/// </summary>
internal sealed class LoadRunner
{
    /// <summary>Decoded samples left out of the SNR: the decoder's first 100 ms.</summary>
    private const int SnrWarmUpSamples = 4800;

    /// <summary>An SNR reported in place of +∞ (a bit-exact match), which JSON cannot carry.</summary>
    private const double MaxReportedSnrDb = 200;

    private readonly LoadOptions _options;
    private readonly TokenSource _tokens;
    private readonly List<TimeSample> _timeline = [];
    private readonly HashSet<(int Meeting, int Sender, int Receiver)> _checked;
    private PreEncodedLoop[] _loops = [];

    public LoadRunner(LoadOptions options, TokenSource tokens)
    {
        _options = options;
        _tokens = tokens;
        _checked = [.. StreamSampler.Choose(options.Meetings, options.Participants, options.DecodeStreams)];
    }

    /// <summary>Called with each new sample while the media runs (the live view).</summary>
    public Action<TimeSample>? OnSample { get; init; }

    /// <summary>Called with progress messages (rooms created, participants joined).</summary>
    public Action<string>? OnProgress { get; init; }

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var client = new GatewayClient(_options.Gateway);
        var participants = new List<LoadParticipant>();
        var rooms = new List<string>();
        DateTimeOffset started = DateTimeOffset.UtcNow;
        string admin = _tokens.Admin();
        try
        {
            IPAddress local = LocalAddressFor(_options.Gateway);
            if (_options.EffectiveEncode == EncodeMode.PreEncoded)
            {
                var encoding = Stopwatch.StartNew();
                _loops = PreEncode(_options);
                OnProgress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"pre-encoded {_loops.Length} sources × {_options.LoopFrames} frames in {encoding.Elapsed.TotalSeconds:0.0} s"));
            }

            for (int m = 0; m < _options.Meetings; m++)
            {
                string room = string.Create(CultureInfo.InvariantCulture, $"{_options.RoomPrefix}-{m + 1}");
                await client.CreateRoomAsync(admin, new RoomOptions(room)
                {
                    E2ee = _options.E2ee ? E2eePolicy.Required : E2eePolicy.Off,
                    MaxParticipants = Math.Max(_options.Participants, 2),
                    MaxPacketsPerSecond = PacketsPerSecondLimit(),
                }, cancellationToken).ConfigureAwait(false);
                rooms.Add(room);
                participants.AddRange(await JoinMeetingAsync(client, m, room, local, cancellationToken).ConfigureAwait(false));
                OnProgress?.Invoke($"room {room}: {_options.Participants} participants joined");
            }

            await WaitForReadyAsync(participants, cancellationToken).ConfigureAwait(false);

            double ownCpuBefore = ProcessCpu.Own();
            double? gatewayCpuBefore = _options.GatewayPid is int pid ? ProcessCpu.Of(pid) : null;
            var stopwatch = Stopwatch.StartNew();
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pacer = new MediaPacer(participants, _options);
            Task sampler = SampleAsync(participants, pacer, stopwatch, sampling.Token);
            await pacer.RunAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(_options.Drain, cancellationToken).ConfigureAwait(false);
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            var cpu = new CpuUsage
            {
                WallSeconds = Math.Round(seconds, 3),
                LoadGenSeconds = Math.Round(ProcessCpu.Own() - ownCpuBefore, 2),
                GatewaySeconds = gatewayCpuBefore is double gatewayBefore && ProcessCpu.Of(_options.GatewayPid!.Value) is double gatewayAfter
                    ? Math.Round(gatewayAfter - gatewayBefore, 2)
                    : null,
                Cores = Environment.ProcessorCount,
            };
            _timeline.Add(Sample(participants, seconds) with { SenderLagMs = pacer.TakeIntervalMaxLagMilliseconds() });

            return BuildReport(participants, started, seconds, pacer.MaxLagMilliseconds, cpu);
        }
        finally
        {
            foreach (LoadParticipant participant in participants)
            {
                await participant.DisposeAsync().ConfigureAwait(false);
            }

            foreach (string room in rooms)
            {
                try
                {
                    await client.DeleteRoomAsync(admin, room, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is GatewayApiException or GatewayUnreachableException)
                {
                    // The run's result stands; a room left behind ends with the node.
                }
            }
        }
    }

    /// <summary>The local address that routes to the gateway (what the offers name).</summary>
    internal static IPAddress LocalAddressFor(Uri gateway)
    {
        if (gateway.IsLoopback)
        {
            return IPAddress.Loopback;
        }

        IPAddress remote = IPAddress.TryParse(gateway.Host, out IPAddress? parsed)
            ? parsed
            : Dns.GetHostAddresses(gateway.Host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(remote, 9);
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }

    /// <summary>The SSRC of participant <paramref name="index"/>'s audio in meeting <paramref name="meeting"/> (video: the next one).</summary>
    internal static uint AudioSsrc(int meeting, int index) => 0x10000000u + ((uint)meeting * 4096u) + ((uint)index * 2u) + 2u;

    /// <summary>Encodes the run's distinct sources once each, in parallel (source s has seed 1_000_001 + s, unlike any live participant's).</summary>
    private static PreEncodedLoop[] PreEncode(LoadOptions options)
    {
        var loops = new PreEncodedLoop[options.EffectiveSources];
        Parallel.For(0, loops.Length, s => loops[s] = PreEncodedLoop.Encode(1_000_001 + s, options.LoopFrames, options.OpusBitrate));
        return loops;
    }

    /// <summary>The audio SSRCs receiver <paramref name="receiver"/> of <paramref name="meeting"/> decodes: those of its sampled streams.</summary>
    private HashSet<uint> DecodedBy(int meeting, int receiver)
    {
        var ssrcs = new HashSet<uint>();
        foreach ((int m, int sender, int r) in _checked)
        {
            if (m == meeting && r == receiver)
            {
                ssrcs.Add(AudioSsrc(m, sender));
            }
        }

        return ssrcs;
    }

    private int? PacketsPerSecondLimit()
    {
        if (_options.VideoBitrate <= 0)
        {
            return null;
        }

        // Audio 50/s, video frames split into ~1 KB packets (keyframes 4x), RTCP: twice that for headroom.
        double videoPackets = _options.VideoBitrate / 8.0 / (RtpFormats.MaxPayloadBytes - 1) * 2 + _options.Fps;
        return Math.Max(2000, (int)((50 + videoPackets) * 2));
    }

    private async Task<List<LoadParticipant>> JoinMeetingAsync(GatewayClient client, int meeting, string room, IPAddress local, CancellationToken cancellationToken)
    {
        var joined = new List<LoadParticipant>();
        int captureSamples = (int)(_options.QualitySeconds * RtpFormats.OpusClockRate);
        for (int i = 0; i < _options.Participants; i++)
        {
            string identity = string.Create(CultureInfo.InvariantCulture, $"load-{meeting + 1}-{i + 1}");
            uint audioSsrc = AudioSsrc(meeting, i);
            uint? videoSsrc = _options.VideoBitrate > 0 ? audioSsrc + 1 : null;

            // The real key exchange: every participant has its own device key, the leader seals each epoch to the others over the gateway.
            DeviceIdentity? device = _options.E2ee ? DeviceIdentity.Create(identity) : null;
            MeetingE2ee? encryption = device is not null ? new MeetingE2ee(room, device) : null;
            // Sources round-robin over all participants: the K of a meeting replay K different loops (while K ≤ sources).
            PreEncodedLoop? loop = _loops.Length > 0 ? _loops[((meeting * _options.Participants) + i) % _loops.Length] : null;
            HashSet<uint> decoded = DecodedBy(meeting, i);
            var participant = new LoadParticipant(meeting, i, room, identity, audioSsrc, videoSsrc, seed: (meeting * 1000) + i + 1, loop,
                new StreamCapture(decoded.Count > 0 ? captureSamples : 0), encryption, device);
            joined.Add(participant);
            participant.Session = await client.JoinAsync(room, _tokens.Participant(room, identity), new JoinRequest
            {
                LocalEndpoint = new IPEndPoint(local, 0),
                AudioSsrc = audioSsrc,
                VideoSsrc = videoSsrc,
                E2ee = _options.E2ee,
                FrameEncryption = encryption,
                KeyExchange = encryption,
                CaptureTimestamps = true,
                OpusBitrate = _options.OpusBitrate,
                DecodeAudio = decoded.Count > 0,
                DecodedAudioSsrcs = decoded,
                AudioSink = decoded.Count > 0 ? participant.Capture : null,
                Cname = identity,
            }, cancellationToken).ConfigureAwait(false);
        }

        return joined;
    }

    /// <summary>
    /// Waits until every participant's event stream shows the rest of its meeting (at most 5 s), so nobody's first
    /// frames go to a room still filling, and with E2EE until every meeting agreed on one epoch and security code with
    /// every sender's key installed (at most 20 s: the leader re-keys on each join), so no frame is sent or dropped
    /// for want of a key.
    /// </summary>
    private async Task WaitForReadyAsync(List<LoadParticipant> participants, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5) && !participants.TrueForAll(p => p.Session!.Participants.Count >= _options.Participants - 1))
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        if (!_options.E2ee)
        {
            return;
        }

        while (!KeysAgreed(participants))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new GatewayProtocolException("the participants did not agree on an end-to-end key within 20 s (MeetingKeyAgent over the gateway's messages).");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        OnProgress?.Invoke("end-to-end keys agreed in every meeting");
    }

    private bool KeysAgreed(List<LoadParticipant> participants)
    {
        for (int m = 0; m < _options.Meetings; m++)
        {
            string? code = null;
            ulong? epoch = null;
            foreach (LoadParticipant p in participants)
            {
                if (p.Meeting != m)
                {
                    continue;
                }

                MeetingE2ee e2ee = p.E2ee!;
                if (e2ee.SendEpoch is not ulong own || e2ee.SecurityCode is not string ownCode || e2ee.ReceiveKeyCount < _options.Participants - 1
                    || (epoch is not null && epoch != own) || (code is not null && code != ownCode))
                {
                    return false;
                }

                epoch = own;
                code = ownCode;
            }
        }

        return true;
    }

    private async Task SampleAsync(List<LoadParticipant> participants, MediaPacer pacer, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                TimeSample sample = Sample(participants, stopwatch.Elapsed.TotalSeconds) with { SenderLagMs = pacer.TakeIntervalMaxLagMilliseconds() };
                _timeline.Add(sample);
                OnSample?.Invoke(sample);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static TimeSample Sample(List<LoadParticipant> participants, double seconds)
    {
        long sent = 0, received = 0, lost = 0, late = 0, failures = 0;
        double jitter = 0;
        var latency = new LatencyHistogram();
        foreach (LoadParticipant participant in participants)
        {
            MediaStatisticsSnapshot s = participant.Session!.Statistics.Snapshot();
            sent += s.PacketsSent;
            received += s.PacketsReceived;
            lost += s.PacketsLost;
            late += s.PacketsLate;
            failures += s.SrtpFailures + s.E2eeFailures;
            jitter = Math.Max(jitter, s.MaxJitterMilliseconds);
            latency.Add(participant.Session.Statistics.Latency);
        }

        return new TimeSample
        {
            Seconds = Math.Round(seconds, 3),
            PacketsSent = sent,
            PacketsReceived = received,
            PacketsLost = lost,
            PacketsLate = late,
            DecryptFailures = failures,
            LatencyP50Ms = latency.PercentileMilliseconds(50),
            LatencyP95Ms = latency.PercentileMilliseconds(95),
            LatencyP99Ms = latency.PercentileMilliseconds(99),
            MaxJitterMs = jitter,
        };
    }

    private LoadReport BuildReport(List<LoadParticipant> participants, DateTimeOffset started, double seconds, double senderLagMs, CpuUsage cpu)
    {
        var streams = new List<StreamReport>();
        long expected = 0, audioReceived = 0;
        foreach (LoadParticipant receiver in participants)
        {
            foreach (LoadParticipant sender in participants)
            {
                if (sender == receiver || sender.Meeting != receiver.Meeting)
                {
                    continue;
                }

                expected += sender.AudioFramesSent;
                bool isChecked = _checked.Contains((receiver.Meeting, sender.Index, receiver.Index));
                receiver.Session!.TryGetRemoteTrack(sender.AudioSsrc, out RemoteTrack? track);
                RemoteTrackStatistics? stats = track?.Statistics;
                audioReceived += stats?.PacketsReceived ?? 0;
                streams.Add(new StreamReport
                {
                    Room = receiver.Room,
                    Sender = sender.Identity,
                    Receiver = receiver.Identity,
                    Ssrc = sender.AudioSsrc,
                    FramesSent = sender.AudioFramesSent,
                    PacketsReceived = stats?.PacketsReceived ?? 0,
                    PacketsLost = stats?.PacketsLost ?? 0,
                    PacketsLate = stats?.PacketsLate ?? 0,
                    FramesConcealed = stats?.FramesConcealed ?? 0,
                    FramesDecoded = stats?.FramesDecoded ?? 0,
                    E2eeFailures = stats?.E2eeFailures ?? 0,
                    JitterMs = Math.Round(stats?.JitterMilliseconds ?? 0, 3),
                    LatencyP50Ms = stats?.Latency.PercentileMilliseconds(50) ?? 0,
                    LatencyP99Ms = stats?.Latency.PercentileMilliseconds(99) ?? 0,
                    QualityChecked = isChecked,
                    SnrDb = isChecked ? MeasureSnr(sender, receiver) : null,
                });
            }
        }

        LoadTotals totals = Totals(participants, expected, audioReceived) with { SenderMaxLagMs = Math.Round(senderLagMs, 3) };
        QualitySummary quality = Quality(streams);
        var failures = new List<string>();
        if (!quality.Pass)
        {
            failures.Add($"{quality.Failed} of {quality.StreamsChecked} checked streams below {quality.ThresholdDb} dB SNR (min {quality.MinSnrDb?.ToString("0.0", CultureInfo.InvariantCulture) ?? "n/a"} dB)");
        }

        if (totals.SrtpFailures + totals.E2eeFailures > 0)
        {
            failures.Add($"{totals.SrtpFailures} SRTP and {totals.E2eeFailures} end-to-end decrypt failures");
        }

        return new LoadReport
        {
            Gateway = _options.Gateway.ToString(),
            StartedAt = started,
            DurationSeconds = Math.Round(seconds, 3),
            Meetings = _options.Meetings,
            ParticipantsPerMeeting = _options.Participants,
            E2ee = _options.E2ee,
            OpusBitrate = _options.OpusBitrate,
            VideoBitrate = _options.VideoBitrate,
            Fps = _options.Fps,
            Encode = _options.EffectiveEncode == EncodeMode.PreEncoded ? "preencoded" : "live",
            Sources = _loops.Length,
            LoopSeconds = _loops.Length > 0 ? _options.LoopFrames * RtpFormats.FrameDuration.TotalSeconds : 0,
            Totals = totals,
            Cpu = cpu,
            Quality = quality,
            Streams = streams,
            Timeline = [.. _timeline],
            Pass = failures.Count == 0,
            Failures = failures,
        };
    }

    private static LoadTotals Totals(List<LoadParticipant> participants, long expected, long audioReceived)
    {
        var latency = new LatencyHistogram();
        long packetsSent = 0, framesSent = 0, sendFailures = 0, received = 0, lost = 0, late = 0, duplicates = 0, srtp = 0, e2ee = 0, noKey = 0, malformed = 0, concealed = 0;
        double jitter = 0;
        foreach (LoadParticipant participant in participants)
        {
            MediaStatisticsSnapshot s = participant.Session!.Statistics.Snapshot();
            packetsSent += s.PacketsSent;
            framesSent += s.FramesSent;
            sendFailures += s.SendFailures;
            received += s.PacketsReceived;
            lost += s.PacketsLost;
            late += s.PacketsLate;
            duplicates += s.PacketsDuplicate;
            srtp += s.SrtpFailures;
            e2ee += s.E2eeFailures;
            noKey += s.E2eeNoKey;
            malformed += s.Malformed;
            concealed += s.FramesConcealed;
            jitter = Math.Max(jitter, s.MaxJitterMilliseconds);
            latency.Add(participant.Session.Statistics.Latency);
        }

        return new LoadTotals
        {
            PacketsSent = packetsSent,
            FramesSent = framesSent,
            SendFailures = sendFailures,
            PacketsReceived = received,
            AudioFramesExpected = expected,
            AudioFramesReceived = audioReceived,
            AudioFramesMissing = Math.Max(0, expected - audioReceived),
            PacketsLost = lost,
            PacketsLate = late,
            PacketsDuplicate = duplicates,
            SrtpFailures = srtp,
            E2eeFailures = e2ee,
            E2eeNoKey = noKey,
            Malformed = malformed,
            FramesConcealed = concealed,
            LatencySamples = latency.Count,
            LatencyP50Ms = latency.PercentileMilliseconds(50),
            LatencyP95Ms = latency.PercentileMilliseconds(95),
            LatencyP99Ms = latency.PercentileMilliseconds(99),
            LatencyMaxMs = latency.MaxMilliseconds,
            LatencyMeanMs = Math.Round(latency.MeanMilliseconds, 3),
            LatencyDistribution = Distribution(latency),
            MaxJitterMs = Math.Round(jitter, 3),
        };
    }

    // Percentiles dense where a tail hides: every 1% to 90, then 90.5 … 99.5, then 99.9 and 99.99.
    private static List<LatencyPoint> Distribution(LatencyHistogram latency)
    {
        var points = new List<LatencyPoint>();
        if (latency.Count == 0)
        {
            return points;
        }

        for (double p = 1; p <= 99.5; p += p < 90 ? 1 : 0.5)
        {
            points.Add(new LatencyPoint(p, Math.Round(latency.PercentileMilliseconds(p), 3)));
        }

        points.Add(new LatencyPoint(99.9, Math.Round(latency.PercentileMilliseconds(99.9), 3)));
        points.Add(new LatencyPoint(99.99, Math.Round(latency.PercentileMilliseconds(99.99), 3)));
        return points;
    }

    private static double? MeasureSnr(LoadParticipant sender, LoadParticipant receiver)
    {
        (ReadOnlyMemory<short> decoded, _) = receiver.Capture.Get(sender.AudioSsrc);
        if (decoded.IsEmpty)
        {
            return null;
        }

        short[] reference = new short[decoded.Length];
        sender.FillReference(reference);
        if (decoded.Length <= SnrWarmUpSamples)
        {
            return null;
        }

        // The decoder's first 100 ms are its start-up, not the path's quality; the codec delay is found within 20 ms.
        double snr = SignalToNoise.Measure(reference.AsSpan(SnrWarmUpSamples), decoded.Span[SnrWarmUpSamples..], channels: 1, minLag: 0, maxLag: RtpFormats.SamplesPerFrame).SnrDb;
        return double.IsNaN(snr) ? null : Math.Round(Math.Min(snr, MaxReportedSnrDb), 2);
    }

    private QualitySummary Quality(List<StreamReport> streams)
    {
        var measured = new List<double>();
        int failed = 0, checkedStreams = 0;
        foreach (StreamReport stream in streams)
        {
            if (!stream.QualityChecked)
            {
                continue;
            }

            checkedStreams++;
            if (stream.SnrDb is double snr)
            {
                measured.Add(snr);
                if (snr < _options.SnrThresholdDb)
                {
                    failed++;
                }
            }
            else
            {
                failed++;
            }
        }

        measured.Sort();
        return new QualitySummary
        {
            ThresholdDb = _options.SnrThresholdDb,
            StreamsTotal = streams.Count,
            StreamsChecked = checkedStreams,
            Measured = measured.Count,
            MinSnrDb = measured.Count > 0 ? measured[0] : null,
            MedianSnrDb = measured.Count > 0 ? measured[measured.Count / 2] : null,
            Failed = failed,
            Pass = checkedStreams > 0 && failed == 0,
        };
    }
}
