using Npgsql;

namespace OpenTabletop.Api.Votes;

/// <summary>Deletes stored Idempotency-Key responses past their day, hourly (a retry after that casts a new vote).</summary>
internal sealed partial class IdempotencyCleanup(NpgsqlDataSource dataSource, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        try
        {
            do
            {
                try
                {
                    await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < now() - $1");
                    command.Parameters.Add(new NpgsqlParameter { Value = VoteWriter.IdempotencyRetention });
                    var deleted = await command.ExecuteNonQueryAsync(stoppingToken);
                    if (deleted > 0) Deleted(deleted);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    // The database may be down or not yet migrated; the next hour tries again.
                    Failed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} expired idempotency keys.")]
    private partial void Deleted(int count);

    [LoggerMessage(LogLevel.Warning, "Could not delete expired idempotency keys.")]
    private partial void Failed(Exception e);
}
