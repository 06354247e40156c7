using Npgsql;

namespace OpenTabletop.Data.Materialization;

/// <summary>
/// The contract between whoever asks for a Materializer run (the Api's
/// <c>POST /v1/admin/materialize</c>) and the Materializer worker that performs it: a
/// <c>materialization_runs</c> row with status <c>queued</c>, and a notification on
/// <see cref="Channel"/> so that a listening worker starts within a second instead of at its next poll.
/// </summary>
public static class MaterializationRequests
{
    /// <summary>The LISTEN/NOTIFY channel; the payload is the run id.</summary>
    public const string Channel = "opentabletop_materialize";

    /// <summary>
    /// Key of the PostgreSQL advisory lock that one pipeline run holds cluster-wide (any 64-bit
    /// constant; this one spells OTTMATER).
    /// </summary>
    public const long LockKey = 0x4F54544D41544552;

    /// <summary>
    /// Records a requested run (trigger <c>request</c>, status <c>queued</c>) and notifies the
    /// workers, in one transaction: the notification is delivered when the row is visible.
    /// Returns the run id for <c>GET /v1/admin/materialize/runs/{id}</c>.
    /// </summary>
    public static async Task<Guid> RequestAsync(NpgsqlDataSource dataSource, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    "INSERT INTO materialization_runs (id, trigger, status, requested_by) VALUES ($1, 'request', 'queued', $2)")
                {
                    Parameters = { new() { Value = id }, new() { Value = requestedBy } },
                },
                new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
                {
                    Parameters = { new() { Value = Channel }, new() { Value = id.ToString() } },
                },
            },
        };
        // Two statements in one implicit transaction: both or neither.
        await batch.ExecuteNonQueryAsync(ct);
        return id;
    }
}
