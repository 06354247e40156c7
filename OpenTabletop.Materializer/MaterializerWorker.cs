using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenTabletop.Materializer;

/// <summary>
/// Waits until the database is reachable and migrated, then stays up for the scheduler. The aggregate
/// pipeline and its schedule are added by the statistics work (issue 5); until then the service only
/// proves its wiring (configuration, telemetry, database) end to end.
/// </summary>
internal sealed class MaterializerWorker(HealthCheckService health, ILogger<MaterializerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), stoppingToken);
            if (report.Status == HealthStatus.Healthy)
            {
                logger.LogInformation("Materializer connected: {Detail}", report.Entries["database"].Description);
                break;
            }
            logger.LogInformation("Waiting for the database: {Detail}", report.Entries.GetValueOrDefault("database").Description);
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15));
        }
    }
}
