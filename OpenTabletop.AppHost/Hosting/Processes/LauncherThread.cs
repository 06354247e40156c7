using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpenTabletop.AppHost.Hosting.Processes;

/// <summary>
/// Starts every child from one thread that lives as long as the process. Linux ties a child's
/// parent-death signal to the thread that forked it, and thread-pool threads retire when idle, which
/// would kill healthy children at random.
/// </summary>
internal static class LauncherThread
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Queue = new();
    private static readonly Lazy<Thread> Thread = new(StartThread);

    public static void Start(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Thread.Value;
        Queue.Add((process, started));

        // Starting a process takes milliseconds, so blocking the caller is cheaper than going async.
        started.Task.GetAwaiter().GetResult();
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "AppHost child launcher" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        foreach (var (process, started) in Queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
