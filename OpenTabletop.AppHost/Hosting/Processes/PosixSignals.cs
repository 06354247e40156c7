using System.Runtime.InteropServices;

namespace OpenTabletop.AppHost.Hosting.Processes;

/// <summary>
/// Sends signals to processes. .NET can only SIGKILL a process, but a graceful stop needs SIGTERM
/// (.NET hosts, redis-server) or SIGINT (PostgreSQL's fast shutdown).
/// </summary>
internal static partial class PosixSignals
{
    /// <returns>False when the process no longer exists or the platform cannot send signals.</returns>
    public static bool Send(int processId, Signal signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        return Kill(processId, (int)signal) == 0;
    }

    /// <summary>Signals every process in the group led by <paramref name="groupId"/>.</summary>
    public static bool SendToGroup(int groupId, Signal signal) => groupId > 1 && Send(-groupId, signal);

    public static bool IsAlive(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // Signal 0 checks existence and permission without delivering anything.
        return Kill(processId, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: exists, not ours */;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
