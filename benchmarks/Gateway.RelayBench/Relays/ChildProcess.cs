using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.RelayBench.Relays;

/// <summary>A child process whose stdout and stderr lines are collected (and optionally echoed to a log file).</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter? _log;
    private readonly Lock _logLock = new();

    private ChildProcess(Process process, string? logPath)
    {
        _process = process;
        if (logPath is not null)
        {
            _log = new StreamWriter(logPath) { AutoFlush = true };
        }

        process.OutputDataReceived += (_, e) => Add(e.Data, "out");
        process.ErrorDataReceived += (_, e) => Add(e.Data, "err");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line so far, stdout and stderr interleaved as they came.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? logPath = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}");
        return new ChildProcess(process, logPath);
    }

    /// <summary>The last <paramref name="count"/> lines, for error messages.</summary>
    public string Tail(int count = 20) => string.Join(Environment.NewLine, _lines.TakeLast(count));

    /// <summary>Waits for a stdout line that satisfies <paramref name="match"/>; null when the process exits or time runs out.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            string? found = _lines.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                return _lines.FirstOrDefault(match);
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        Signals.Terminate(_process.Id);
        if (!await WaitForExitAsync(grace).ConfigureAwait(false))
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        // Let the asynchronous readers deliver the last lines.
        await Task.Delay(50).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _log?.Dispose();
    }

    private void Add(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (_log is not null)
        {
            lock (_logLock)
            {
                _log.WriteLine($"[{stream}] {line}");
            }
        }
    }
}
