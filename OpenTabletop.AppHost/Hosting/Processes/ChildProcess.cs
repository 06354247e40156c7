using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTabletop.AppHost.Hosting.Logging;

namespace OpenTabletop.AppHost.Hosting.Processes;

/// <summary>
/// A process the orchestrator started: its output goes line by line to a <see cref="ResourceLog"/>,
/// it can be stopped gracefully (a signal, a grace period, then the whole tree is killed), and it is
/// killed when the orchestrator's process exits, so no child outlives it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();
    private static int _exitHookInstalled;

    private readonly Process _process;
    private readonly ResourceLog _log;
    private readonly Signal _emergencySignal;
    private readonly bool _leadsProcessGroup;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<int> _completion;

    private ChildProcess(Process process, ResourceLog log, Signal emergencySignal, bool leadsProcessGroup)
    {
        _process = process;
        _log = log;
        _emergencySignal = emergencySignal;
        _leadsProcessGroup = leadsProcessGroup;
        _completion = CompleteAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The exit code, once the process has exited and its output has been read.</summary>
    public Task<int> Completion => _completion;

    public static ChildProcess Start(ChildProcessSpec spec, ResourceLog log) => Start(spec, log, PathCommandLocator.Instance);

    public static ChildProcess Start(ChildProcessSpec spec, ResourceLog log, ICommandLocator tools)
    {
        InstallExitHook();

        var (fileName, arguments) = LaunchCommandLine.Build(spec, tools);
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? System.Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, spec.ParentDeathSignal ?? Signal.Terminate, spec.NewSession && tools.Find("setsid") is not null);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, child._stdoutClosed);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, child._stderrClosed);

        try
        {
            LauncherThread.Start(process);
        }
        catch (Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start '{fileName}': {ex.Message}", ex);
        }

        Live.TryAdd(child, 0);
        // Children never read stdin; closing it stops any that would wait on a terminal.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end and returns its exit code, killing it on timeout or cancellation.</summary>
    public static async Task<int> RunAsync(ChildProcessSpec spec, ResourceLog log, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var child = Start(spec, log);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await child.Completion.WaitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{spec.FileName} {string.Join(' ', spec.Arguments)}' did not finish within {timeout.TotalSeconds:0} s.");
        }
    }

    public bool SendSignal(Signal signal) => !HasExited && PosixSignals.Send(_process.Id, signal);

    /// <summary>
    /// Sends <paramref name="signal"/>, waits up to <paramref name="grace"/>, then kills the process
    /// and everything it started.
    /// </summary>
    public async Task<int> StopAsync(Signal signal, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            SendSignal(signal);
            try
            {
                await _exited.Task.WaitAsync(grace, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                _log.Write($"(did not stop within {grace.TotalSeconds:0} s of SIG{signal.ShortName()}; killing it)");
                KillTree();
            }
        }

        var exitCode = await _completion;
        KillLeftovers();
        return exitCode;
    }

    public void KillTree()
    {
        try
        {
            if (!HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        KillLeftovers();
    }

    /// <summary>
    /// A child in its own session leads a process group; whatever it started and left behind when it
    /// exited (a shell's background job, say) is still in that group.
    /// </summary>
    private void KillLeftovers()
    {
        if (_leadsProcessGroup)
        {
            PosixSignals.SendToGroup(_process.Id, Signal.Kill);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(Signal.Terminate, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            _log.Write(line);
        }
    }

    private async Task<int> CompleteAsync()
    {
        await _exited.Task;

        // A grandchild that inherited the pipes (an MSBuild node, a PostgreSQL backend) can hold them
        // open after the process itself exited; don't wait on it for long.
        await Task.WhenAny(Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task), Task.Delay(TimeSpan.FromSeconds(2)));
        Live.TryRemove(this, out _);
        return _process.ExitCode;
    }

    private static void InstallExitHook()
    {
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllNow();
        }
    }

    /// <summary>Last-resort cleanup when the orchestrator's process is exiting with children still running.</summary>
    internal static void StopAllNow()
    {
        var children = Live.Keys.Where(child => !child.HasExited).ToList();
        foreach (var child in children)
        {
            child.SendSignal(child._emergencySignal);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        foreach (var child in children)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !child._exited.Task.Wait(remaining))
            {
                child.KillTree();
            }
            else
            {
                child.KillLeftovers();
            }
        }
    }
}
