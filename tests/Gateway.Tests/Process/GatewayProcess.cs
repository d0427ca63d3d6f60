using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.Tests.Process;

/// <summary>`dotnet gateway.dll ...` as a child process, as an operator runs it, with its output collected.</summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(System.Diagnostics.Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _output);

    public int Id => _process.Id;

    public static GatewayProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts `dotnet gateway.dll args` with <paramref name="environment"/> added to this process's environment.</summary>
    public static GatewayProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var gateway = Path.Combine(AppContext.BaseDirectory, "gateway.dll");
        Assert.True(File.Exists(gateway), $"{gateway} is missing: the test project must reference src/Gateway");

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Media on a free port of 127.0.0.1, so nodes of parallel tests never share the default port.
        start.Environment["GATEWAY_Media__Port"] = "0";
        start.Environment["GATEWAY_Media__Address"] = "127.0.0.1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(gateway);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new GatewayProcess(System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Waits for the "Node ready" log line.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout, TestContext.Current.CancellationToken));
        if (first != _ready.Task)
        {
            Assert.Fail($"the gateway did not become ready (exited: {_process.HasExited}):\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM, as systemd, Docker and Kubernetes do to stop a service.</summary>
    public async Task TerminateAsync()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the gateway did not exit within {timeout}:\n{Output}");
        }

        // The exit event can precede the last output lines; WaitForExit() without a timeout drains them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains("Node ready; control API on", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    // The muxer that runs these tests (dotnet Gateway.Tests.dll, or dotnet test's DOTNET_HOST_PATH), else PATH.
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
