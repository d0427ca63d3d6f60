using System.Diagnostics;
using Gateway.Client.Media;
using Gateway.LoadGen.Quality;

namespace Gateway.LoadGen.Run;

/// <summary>
/// Sends every participant's media on time: a few dedicated threads (at most one per core), each owning a slice of
/// the participants, wake every 20 ms on an absolute schedule (so a late wake-up catches up instead of drifting),
/// and send each participant's next Opus frame: encoded now from its source, or the next packet of its pre-encoded
/// loop (SFrame, RTP and SRTP are applied per packet either way); synthetic video frames go out at their own frame
/// rate from the same threads.
/// </summary>
internal sealed class MediaPacer
{
    /// <summary>Ticks not counted in <see cref="MaxLagMilliseconds"/>: the first 200 ms, while the JIT and Opus start up.</summary>
    private const int WarmUpFrames = 10;

    private readonly IReadOnlyList<LoadParticipant> _participants;
    private readonly LoadOptions _options;
    private long _maxLagMicroseconds;
    private long _intervalLagMicroseconds;

    public MediaPacer(IReadOnlyList<LoadParticipant> participants, LoadOptions options)
    {
        _participants = participants;
        _options = options;
    }

    /// <summary>
    /// How late, at worst, a 20 ms tick started sending (in ms), after the first 200 ms. Tens of milliseconds mean the load generator's own
    /// CPU is saturated and its latency figures include its own queueing.
    /// </summary>
    public double MaxLagMilliseconds => Interlocked.Read(ref _maxLagMicroseconds) / 1000.0;

    /// <summary>The worst send lag (ms) since the last call: the timeline shows when the load generator fell behind, not only that it did.</summary>
    public double TakeIntervalMaxLagMilliseconds() => Interlocked.Exchange(ref _intervalLagMicroseconds, 0) / 1000.0;

    /// <summary>Sends for <see cref="LoadOptions.Duration"/> (or until cancelled); returns when every thread is done.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        int threads = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, _participants.Count));
        var done = new Task[threads];
        for (int t = 0; t < threads; t++)
        {
            int slice = t;
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    Run(slice, threads, cancellationToken);
                    completion.SetResult();
                }
                catch (Exception ex)
                {
                    completion.SetException(ex);
                }
            })
            {
                IsBackground = true,
                Name = $"loadgen-pacer-{t}",
                Priority = ThreadPriority.AboveNormal,
            };
            thread.Start();
            done[t] = completion.Task;
        }

        return Task.WhenAll(done);
    }

    private void Run(int slice, int stride, CancellationToken cancellationToken)
    {
        var mine = new List<LoadParticipant>();
        for (int i = slice; i < _participants.Count; i += stride)
        {
            mine.Add(_participants[i]);
        }

        short[] pcm = new short[RtpFormats.SamplesPerFrame];
        int audioFrames = (int)(_options.Duration.TotalMilliseconds / RtpFormats.FrameDuration.TotalMilliseconds);
        bool video = _options.VideoBitrate > 0 && _options.Fps > 0;
        var synthetic = video ? new SyntheticVideo(_options) : null;
        double videoPeriodMs = video ? 1000.0 / _options.Fps : double.MaxValue;
        long nextVideoFrame = 0;

        long start = Stopwatch.GetTimestamp();
        for (int frame = 0; frame < audioFrames && !cancellationToken.IsCancellationRequested; frame++)
        {
            double scheduled = frame * RtpFormats.FrameDuration.TotalMilliseconds;
            WaitUntil(start, scheduled, cancellationToken);
            if (frame >= WarmUpFrames)
            {
                RecordLag((long)((Stopwatch.GetElapsedTime(start).TotalMilliseconds - scheduled) * 1000));
            }
            foreach (LoadParticipant participant in mine)
            {
                // Stamped per participant as its frame is captured: the others' encoding time on this thread is not its latency.
                long captured = CaptureTimestamp.NowMicroseconds();
                if (participant.Session?.Audio is not AudioPublisher audio)
                {
                    continue;
                }

                if (participant.Loop is PreEncodedLoop loop)
                {
                    audio.SendOpus(loop.Packet(frame), loop.Level(frame), captured);
                }
                else
                {
                    participant.Source!.Read(pcm);
                    audio.SendPcm(pcm, captured);
                }

                participant.AudioFramesSent++;
            }

            double elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            while (synthetic is not null && nextVideoFrame * videoPeriodMs <= elapsedMs)
            {
                ReadOnlySpan<byte> videoFrame = synthetic.Next(nextVideoFrame);
                foreach (LoadParticipant participant in mine)
                {
                    participant.Session?.Video?.SendFrame(videoFrame, CaptureTimestamp.NowMicroseconds());
                }

                nextVideoFrame++;
            }
        }
    }

    private void RecordLag(long microseconds)
    {
        RaiseTo(ref _maxLagMicroseconds, microseconds);
        RaiseTo(ref _intervalLagMicroseconds, microseconds);
    }

    private static void RaiseTo(ref long target, long value)
    {
        long max = Interlocked.Read(ref target);
        while (value > max)
        {
            long seen = Interlocked.CompareExchange(ref target, value, max);
            if (seen == max)
            {
                return;
            }

            max = seen;
        }
    }

    private static void WaitUntil(long start, double offsetMs, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            double left = offsetMs - Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (left <= 0)
            {
                return;
            }

            if (left > 2)
            {
                Thread.Sleep((int)(left - 1));
            }
            else
            {
                Thread.SpinWait(200);
            }
        }
    }
}
