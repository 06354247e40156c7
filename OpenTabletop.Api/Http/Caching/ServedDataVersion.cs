using Npgsql;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// The data version (migration 0020) this replica answers for: read at start, then kept current by
/// LISTENing to bump_data_version()'s notifications on a connection of its own, and read again every
/// <see cref="Recheck"/> in case a notification was lost with a connection. Null while unknown (at
/// start, or since the listening connection failed): the response cache is then bypassed, never
/// consulted with a version that may be stale.
/// </summary>
public sealed partial class ServedDataVersion(DatabaseConnection database, ResponseCacheSettings settings, ILogger<ServedDataVersion> logger)
    : BackgroundService
{
    /// <summary>
    /// Its own connection, outside the pool: a LISTEN holds it for the process's life, which must not
    /// cost the requests one of their connections. Keepalives notice a connection that silently died.
    /// </summary>
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
    {
        Pooling = false,
        KeepAlive = 30,
        ApplicationName = "OpenTabletop.Api data version",
    }.ConnectionString;

    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    private long _version = -1;
    private long _notifications;

    public long? Current => Volatile.Read(ref _version) is var v and >= 0 ? v : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Nothing to keep current when nothing is cached.
        if (!settings.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    Interlocked.Increment(ref _notifications);
                    if (long.TryParse(e.Payload, out var bumped) && Volatile.Read(ref _version) >= 0) Advance(bumped);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {DataVersions.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Read after LISTEN: a bump between the two is then seen either way.
                await ReadAsync(connection, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Recheck, stoppingToken)) await ReadAsync(connection, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                if (Interlocked.Exchange(ref _version, -1) >= 0) Lost(e);
                await Task.Delay(Retry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var notified = Volatile.Read(ref _notifications);
        await using var command = new NpgsqlCommand(DataVersions.ReadSql, connection);
        var read = (long)(await command.ExecuteScalarAsync(ct))!;
        // What the database says stands, even lower than before (a restored backup), unless a
        // notification arrived during the read: then the read may predate it.
        if (Volatile.Read(ref _notifications) == notified) Volatile.Write(ref _version, read);
        else Advance(read);
    }

    /// <summary>Notifications only move the version forward.</summary>
    private void Advance(long bumped)
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref _version);
            if (bumped <= seen) return;
        }
        while (Interlocked.CompareExchange(ref _version, bumped, seen) != seen);
    }

    [LoggerMessage(LogLevel.Warning, "Lost the data version's notifications; the response cache is bypassed until they are back.")]
    private partial void Lost(Exception e);
}
