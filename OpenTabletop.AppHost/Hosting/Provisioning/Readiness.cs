using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

internal static class Readiness
{
    /// <summary>
    /// Polls <paramref name="probe"/> until it succeeds, failing early when the server process has
    /// exited and late at the deadline, both times with the server's last log lines.
    /// </summary>
    public static async Task WaitAsync(
        string what,
        Func<CancellationToken, Task<bool>> probe,
        ChildProcess? process,
        ResourceLog log,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe(cancellationToken))
            {
                return;
            }

            if (process is { HasExited: true })
            {
                var exitCode = await process.Completion;
                throw new InvalidOperationException(
                    $"{what} exited with code {exitCode} before it was ready:{System.Environment.NewLine}{log.FormatTail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"{what} was not ready within {timeout.TotalSeconds:0} s:{System.Environment.NewLine}{log.FormatTail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
        }
    }
}
