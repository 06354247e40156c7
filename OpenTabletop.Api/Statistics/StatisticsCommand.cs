using Npgsql;
using OpenTabletop.Data.ReadReplica;

namespace OpenTabletop.Api.Statistics;

/// <summary>
/// Runs one aggregate statement with room to sort in memory, on the read replica when there is one. A
/// trend over the whole catalogue sorts every active game once per period for its percentiles (about
/// 10 MB at 100,000 games), and the server's default work_mem (4 MB) would spill that to disk and
/// double the time; the larger budget is set for this one transaction only (SET LOCAL), so the
/// connection goes back to the pool unchanged.
/// </summary>
internal static class StatisticsCommand
{
    public const string WorkMem = "32MB";

    public static Task<List<T>> ReadAsync<T>(
        ReadSource reads, string sql, IReadOnlyList<object> values, Func<NpgsqlDataReader, T> read, CancellationToken ct) =>
        reads.ReadAsync((dataSource, token) => ReadAsync(dataSource, sql, values, read, token), ct);

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlDataSource dataSource, string sql, IReadOnlyList<object> values, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL work_mem = '{WorkMem}'"));
        var query = new NpgsqlBatchCommand(sql);
        foreach (var value in values) query.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(query);
        var rows = new List<T>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        }
        await transaction.CommitAsync(ct);
        return rows;
    }
}
