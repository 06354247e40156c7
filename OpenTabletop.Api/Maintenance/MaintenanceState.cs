using Npgsql;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Maintenance;

/// <summary>
/// The maintenance mode of the deployment: the environment's (<see cref="MaintenanceSettings"/>) when
/// it forces read-only, otherwise the admin switch in maintenance_mode (migration 0019), re-read at
/// most every <see cref="Refresh"/> so that every replica follows a toggle within that time without
/// a query per request.
/// </summary>
public sealed partial class MaintenanceState(NpgsqlDataSource dataSource, MaintenanceSettings settings, TimeProvider time, ILogger<MaintenanceState> logger)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);
    public const string Path = "/v1/admin/maintenance";

    private static readonly IReadOnlyDictionary<string, Link> Links = new Dictionary<string, Link> { ["self"] = new(Path) };
    private readonly SemaphoreSlim _reading = new(1, 1);
    private (MaintenanceStatus Status, DateTimeOffset Until)? _cached;

    public async ValueTask<MaintenanceStatus> CurrentAsync(CancellationToken ct)
    {
        if (settings.ForcedReadOnly) return Forced();
        if (_cached is { } cached && time.GetUtcNow() < cached.Until) return cached.Status;

        await _reading.WaitAsync(ct);
        try
        {
            if (_cached is { } fresh && time.GetUtcNow() < fresh.Until) return fresh.Status;
            var status = await ReadAsync(ct);
            _cached = (status, time.GetUtcNow() + Refresh);
            return status;
        }
        catch (NpgsqlException e) when (_cached is { } stale)
        {
            // The switch is unreadable, not off: keep what was last known (the write itself will
            // meet the same database) and try again on the next refresh.
            ReadFailed(e);
            _cached = (stale.Status, time.GetUtcNow() + Refresh);
            return stale.Status;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Switches the admin mode for every replica; this one at once, the others within <see cref="Refresh"/>.</summary>
    public async Task<MaintenanceStatus> SetAsync(string mode, string? reason, int retryAfterSeconds, string changedBy, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO maintenance_mode (mode, reason, retry_after_seconds, changed_by) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT (singleton) DO UPDATE SET mode = excluded.mode, reason = excluded.reason, " +
            "retry_after_seconds = excluded.retry_after_seconds, changed_at = now(), changed_by = excluded.changed_by");
        command.Parameters.Add(new NpgsqlParameter { Value = mode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = retryAfterSeconds });
        command.Parameters.Add(new NpgsqlParameter { Value = changedBy });
        await command.ExecuteNonQueryAsync(ct);
        var status = await ReadAsync(ct);
        _cached = (status, time.GetUtcNow() + Refresh);
        Switched(status.Mode, changedBy, reason);
        return settings.ForcedReadOnly ? Forced() : status;
    }

    public bool ForcedByEnvironment => settings.ForcedReadOnly;

    private MaintenanceStatus Forced() => new(MaintenanceStatus.ReadOnly, "environment",
        $"{MaintenanceSettings.ModeVariable}={MaintenanceStatus.ReadOnly} is set on this replica.", settings.RetryAfterSeconds, null, null, Links);

    private async Task<MaintenanceStatus> ReadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT mode, reason, retry_after_seconds, changed_at, changed_by FROM maintenance_mode");
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new(MaintenanceStatus.Off, "none", null, settings.RetryAfterSeconds, null, null, Links);
        return new(reader.GetString(0), "admin", reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2),
            DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc), reader.GetString(4), Links);
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the maintenance switch; keeping the mode last read.")]
    private partial void ReadFailed(Exception e);

    [LoggerMessage(LogLevel.Warning, "Maintenance mode switched to {Mode} by {ChangedBy}: {Reason}")]
    private partial void Switched(string mode, string changedBy, string? reason);
}
