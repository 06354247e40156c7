using System.Diagnostics.Metrics;
using Npgsql;

namespace OpenTabletop.Api.Admin;

/// <summary>
/// The Materializer's runs as every Api replica sees them in the shared materialization_runs table,
/// so that their outcome and duration are on the Api's /metrics (the Materializer is a worker without
/// an HTTP port; its own instruments go out over OTLP). Read when scraped, at most every
/// <see cref="Refresh"/>, in the background: a scrape never waits for the database and a database
/// outage leaves the last figures.
/// </summary>
internal sealed partial class MaterializationRunMetrics : IHostedService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private const string Sql =
        "SELECT status, count(*) FROM materialization_runs GROUP BY status;" +
        "SELECT status, extract(epoch FROM finished_at - started_at)::float8 FROM materialization_runs " +
        "WHERE finished_at IS NOT NULL AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1;" +
        "SELECT extract(epoch FROM max(finished_at))::float8 FROM materialization_runs WHERE status = 'succeeded'";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<MaterializationRunMetrics> _logger;
    private Snapshot _snapshot = new([], [], [], DateTime.MinValue);
    private int _refreshing;

    public MaterializationRunMetrics(NpgsqlDataSource dataSource, IMeterFactory meters, ILogger<MaterializationRunMetrics> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        var meter = meters.Create("OpenTabletop.Api.Materialization");
        meter.CreateObservableCounter("opentabletop.materialization.runs", () => Current().Runs, "{run}",
            "Materializer runs recorded, by status (queued, running, succeeded, failed, cancelled, skipped).");
        meter.CreateObservableGauge("opentabletop.materialization.last_run.duration", () => Current().LastRun, "s",
            "Duration of the latest finished Materializer run, with its status.");
        meter.CreateObservableGauge("opentabletop.materialization.last_success.timestamp", () => Current().LastSuccess, "s",
            "When the latest successful Materializer run finished (Unix time): alert on its age.");
    }

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        if (DateTime.UtcNow - snapshot.ReadAt > Refresh && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            _ = Task.Run(RefreshAsync);
        }
        return snapshot;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await using var batch = _dataSource.CreateCommand(Sql);
            await using var reader = await batch.ExecuteReaderAsync();
            var runs = new List<Measurement<long>>();
            while (await reader.ReadAsync()) runs.Add(new(reader.GetInt64(1), new KeyValuePair<string, object?>("status", reader.GetString(0))));
            await reader.NextResultAsync();
            Measurement<double>? last = await reader.ReadAsync()
                ? new(reader.GetDouble(1), new KeyValuePair<string, object?>("status", reader.GetString(0)))
                : null;
            await reader.NextResultAsync();
            Measurement<double>? success = await reader.ReadAsync() && !reader.IsDBNull(0) ? new(reader.GetDouble(0)) : null;
            _snapshot = new(runs, last is { } l ? [l] : [], success is { } s ? [s] : [], DateTime.UtcNow);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            ReadFailed(e);
            _snapshot = _snapshot with { ReadAt = DateTime.UtcNow };
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Debug, "Could not read the Materializer's runs for /metrics; keeping the last figures.")]
    private partial void ReadFailed(Exception e);

    private sealed record Snapshot(
        IReadOnlyList<Measurement<long>> Runs, IReadOnlyList<Measurement<double>> LastRun, IReadOnlyList<Measurement<double>> LastSuccess, DateTime ReadAt);
}
