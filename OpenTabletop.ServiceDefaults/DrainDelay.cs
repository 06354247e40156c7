using Microsoft.Extensions.Hosting;

namespace OpenTabletop.ServiceDefaults;

/// <summary>
/// Holds the host in its stopping phase for <see cref="DrainSettings.Delay"/>: the host raises
/// ApplicationStopping (readiness turns 503, <see cref="DrainState"/>) before it stops any service, and
/// every service's StoppingAsync runs before the server's StopAsync, so the server goes on answering
/// meanwhile.
/// </summary>
internal sealed class DrainDelay(DrainSettings settings) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) =>
        settings.Delay > TimeSpan.Zero ? DelayAsync(cancellationToken) : Task.CompletedTask;

    private async Task DelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(settings.Delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
