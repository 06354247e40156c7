using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTabletop.Materializer.Runs;
using OpenTabletop.Materializer.Scheduling;

namespace OpenTabletop.Materializer;

/// <summary>
/// The long-running Materializer: waits until the database is reachable and migrated, then loops:
/// queue the schedule's occurrence when it is due, run whatever is queued (under the cluster-wide
/// lock), and sleep until a request is notified, the poll interval passes, or the next occurrence.
/// </summary>
internal sealed class MaterializerWorker(
    HealthCheckService health, NpgsqlDataSource dataSource, RunCoordinator coordinator, RunRecorder runs,
    MaterializerSettings settings, TimeProvider time, ILogger<MaterializerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForDatabaseAsync(stoppingToken);
        var next = NextOccurrence();
        logger.LogInformation("Materializer ready: schedule {Schedule} (UTC), next run {Next}; requests on channel {Channel}, polled every {Poll} s.",
            settings.Schedule?.ToString() ?? "off", next?.ToString("u") ?? "none", OpenTabletop.Data.Materialization.MaterializationRequests.Channel,
            settings.PollInterval.TotalSeconds);

        await using var listener = new RequestListener(dataSource, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (next is { } due && time.GetUtcNow() >= due)
                {
                    if (await runs.EnqueueScheduledAsync(due, stoppingToken)) logger.LogInformation("Scheduled run of {Due:u} queued.", due);
                    next = NextOccurrence();
                }
                var outcome = await coordinator.ProcessQueueAsync(stoppingToken);
                if (outcome?.Status == RunStatus.Cancelled) break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be restarting; the next poll tries again.
                logger.LogError(e, "Materializer loop failed: {Reason}", e.Message);
            }

            var wait = settings.PollInterval;
            if (next is { } upcoming && upcoming - time.GetUtcNow() < wait) wait = upcoming - time.GetUtcNow();
            try
            {
                await listener.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private DateTimeOffset? NextOccurrence() =>
        settings.Schedule?.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc);

    private async Task WaitForDatabaseAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), stoppingToken);
            if (report.Status == HealthStatus.Healthy)
            {
                logger.LogInformation("Materializer connected: {Detail}", report.Entries["database"].Description);
                return;
            }
            logger.LogInformation("Waiting for the database: {Detail}", report.Entries.GetValueOrDefault("database").Description);
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15));
        }
    }
}
