using System.Runtime.InteropServices;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Orchestration;

/// <summary>
/// Ctrl+C, SIGINT and SIGTERM start a graceful stop; a second one stops the children at once and exits.
/// The children run in their own sessions, so the terminal's Ctrl+C reaches only us and we stop them
/// in order.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly CancellationTokenSource _shutdown;
    private readonly Action<string> _announce;
    private int _count;

    private ShutdownSignals(CancellationTokenSource shutdown, Action<string> announce)
    {
        _shutdown = shutdown;
        _announce = announce;
    }

    public static ShutdownSignals Register(CancellationTokenSource shutdown, Action<string> announce)
    {
        var signals = new ShutdownSignals(shutdown, announce);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, signals.Handle));
        }

        return signals;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _count) == 1)
        {
            _announce($"{context.Signal} received: stopping all resources (send it again to stop them at once).");
            _shutdown.Cancel();
            return;
        }

        _announce($"{context.Signal} received again: stopping all resources now.");
        ChildProcess.StopAllNow();
        Environment.Exit(130);
    }
}
