using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>The few user-account operations needed to run PostgreSQL when we are root.</summary>
internal static class SystemUsers
{
    public static bool IsRoot => !OperatingSystem.IsWindows() && System.Environment.IsPrivilegedProcess;

    public static async Task<bool> ExistsAsync(string user, CancellationToken cancellationToken)
    {
        var log = new ResourceLog("id");
        var exitCode = await ChildProcess.RunAsync(new ChildProcessSpec("id", ["-u", user]), log, TimeSpan.FromSeconds(10), cancellationToken);
        return exitCode == 0;
    }

    /// <summary>Gives <paramref name="paths"/> (not recursively) to <paramref name="user"/> and its primary group.</summary>
    public static async Task ChownAsync(string user, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var log = new ResourceLog("chown");
        var exitCode = await ChildProcess.RunAsync(
            new ChildProcessSpec("chown", [$"{user}:", .. paths]), log, TimeSpan.FromSeconds(30), cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"chown to '{user}' failed:{System.Environment.NewLine}{log.FormatTail()}");
        }
    }

    /// <summary>Whether <paramref name="user"/> can enter and write <paramref name="directory"/>; every parent must be traversable.</summary>
    public static async Task<bool> CanWriteAsync(string user, string directory, CancellationToken cancellationToken)
    {
        var log = new ResourceLog("test");
        var exitCode = await ChildProcess.RunAsync(
            new ChildProcessSpec("test", ["-w", directory, "-a", "-x", directory]) { RunAsUser = user, WorkingDirectory = "/" },
            log,
            TimeSpan.FromSeconds(10),
            cancellationToken);
        return exitCode == 0;
    }
}
