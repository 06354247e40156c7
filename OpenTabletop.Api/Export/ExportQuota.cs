using Npgsql;

namespace OpenTabletop.Api.Export;

/// <summary>
/// The export quota (EXPORT_RATE_LIMIT_PER_HOUR per caller, a sliding hour), held in
/// <c>export_requests</c> (migration 0017) so that every replica counts the same exports. A
/// reservation is atomic: a transaction-scoped advisory lock on the caller's key serialises that
/// caller's reservations cluster-wide, then one statement counts the caller's recent exports and
/// inserts a row only when under the limit. (Counting in the same statement as taking the lock would
/// not do: at READ COMMITTED a statement's snapshot predates the lock it waits for.)
/// </summary>
internal sealed class ExportQuota(NpgsqlDataSource dataSource, ExportSettings settings)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The advisory lock class of the quota: two-key locks never collide with the one-key locks elsewhere.</summary>
    private const int LockClass = 0x0E7F;

    private const string LockSql = "SELECT pg_advisory_xact_lock($1, hashtext($2))";

    // $1 key, $2 new id, $3 window, $4 limit. Expired rows of every caller go in passing, which keeps
    // the table at most a window's worth of exports. Retry-After: once the limit-th newest export of
    // the window expires, fewer than the limit remain.
    private const string ReserveSql = """
        WITH expired AS (
            DELETE FROM export_requests WHERE started_at <= now() - $3::interval
        ), recent AS (
            SELECT started_at FROM export_requests WHERE limit_key = $1 AND started_at > now() - $3::interval
        ), granted AS (
            INSERT INTO export_requests (id, limit_key) SELECT $2, $1 WHERE (SELECT count(*) FROM recent) < $4 RETURNING id
        )
        SELECT (SELECT count(*) FROM granted) > 0,
               (SELECT count(*)::int FROM recent),
               (SELECT extract(epoch FROM started_at + $3::interval - now())::float8
                FROM recent ORDER BY started_at DESC OFFSET $4 - 1 LIMIT 1)
        """;

    public int Limit => settings.RateLimitPerHour;

    /// <summary>Takes one export of the caller's quota, or says how long until one frees.</summary>
    public async Task<QuotaDecision> ReserveAsync(string limitKey, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(LockSql) { Parameters = { new() { Value = LockClass }, new() { Value = limitKey } } },
                new NpgsqlBatchCommand(ReserveSql)
                {
                    Parameters = { new() { Value = limitKey }, new() { Value = id }, new() { Value = Window }, new() { Value = Limit } },
                },
            },
        };
        QuotaDecision decision;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var granted = reader.GetBoolean(0);
            var used = reader.GetInt32(1);
            var retryAfter = reader.IsDBNull(2) ? Window : TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(reader.GetDouble(2))));
            decision = new QuotaDecision(granted ? id : null, granted ? used + 1 : used, Limit, retryAfter);
        }
        await transaction.CommitAsync(ct);
        return decision;
    }

    /// <summary>As <see cref="ReleaseAsync"/>, logging rather than throwing: for a path that is already handling a failure.</summary>
    public async Task TryReleaseAsync(Guid reservation, ILogger logger)
    {
        try
        {
            await ReleaseAsync(reservation);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "Could not give back export quota reservation {Reservation}; it expires with the window.", reservation);
        }
    }

    /// <summary>Gives a reservation back: the export was refused after all (too large), or failed on our side.</summary>
    public async Task ReleaseAsync(Guid reservation)
    {
        // Not the request's token: a caller who hangs up must still get the slot back.
        await using var command = dataSource.CreateCommand("DELETE FROM export_requests WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = reservation });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}

/// <summary>
/// A reservation (<see cref="Reservation"/> set) or a refusal; <see cref="Used"/> counts the caller's
/// exports in the window, this one included when granted.
/// </summary>
internal sealed record QuotaDecision(Guid? Reservation, int Used, int Limit, TimeSpan RetryAfter)
{
    public bool Granted => Reservation is not null;

    public int Remaining => Math.Max(0, Limit - Used);
}
