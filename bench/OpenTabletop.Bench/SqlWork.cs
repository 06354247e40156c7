using Npgsql;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Bench;

/// <summary>A statement as EXPLAIN sees it: the SQL and freshly made parameters.</summary>
internal sealed record SqlStatement(string Label, string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public static SqlStatement Of(string label, PlannedCommand command) =>
        new(label, command.Sql, [.. command.Values.Select(v => new NpgsqlParameter { Value = v })]);
}

/// <summary>
/// The database work of one API request, issued the way the API issues it (same statements, same
/// batching, same round trips), reading every value of every row.
/// </summary>
internal abstract class SqlWork
{
    public abstract Task RunAsync(NpgsqlConnection connection, CancellationToken ct);

    /// <summary>The statements of one run, for EXPLAIN (a later statement may need an earlier one's rows).</summary>
    public abstract Task<IReadOnlyList<SqlStatement>> StatementsAsync(NpgsqlConnection connection, CancellationToken ct);

    /// <summary>Reads every value of every row of this and the following result sets.</summary>
    protected static async Task DrainAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        do
        {
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < reader.FieldCount; i++) reader.GetValue(i);
            }
        }
        while (await reader.NextResultAsync(ct));
    }

    /// <summary>The batch as the Api sends it (with its generic-plan setting first when prepared).</summary>
    protected static NpgsqlBatch BatchOf(NpgsqlConnection connection, KeysetPlan plan) => plan.ToBatch(connection);

    protected static NpgsqlCommand Command(NpgsqlConnection connection, PlannedCommand planned)
    {
        var command = new NpgsqlCommand(planned.Sql, connection);
        foreach (var value in planned.Values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    protected static IEnumerable<SqlStatement> StatementsOf(KeysetPlan plan, string select, string count) =>
        plan.Count is null ? [SqlStatement.Of(select, plan.Select)] : [SqlStatement.Of(select, plan.Select), SqlStatement.Of(count, plan.Count)];
}

/// <summary>A keyset page: its select and its count (if separate) in one batch, as KeysetQuery.ExecuteAsync runs them.</summary>
internal sealed class KeysetWork(KeysetPlan plan) : SqlWork
{
    public override async Task RunAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var batch = BatchOf(connection, plan);
        // As the Api: Npgsql remembers what each connection prepared, so this is a round trip only the first time.
        if (plan.Prepared) await batch.PrepareAsync(ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await DrainAsync(reader, ct);
    }

    public override Task<IReadOnlyList<SqlStatement>> StatementsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SqlStatement>>([.. StatementsOf(plan, "page", plan.CountLabel)]);
}

/// <summary>One planned statement (GET /games/{slug}), sent as the API sends it.</summary>
internal sealed class PlannedWork(PlannedCommand command) : SqlWork
{
    public override async Task RunAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var query = Command(connection, command);
        await using var reader = await query.ExecuteReaderAsync(ct);
        await DrainAsync(reader, ct);
    }

    public override Task<IReadOnlyList<SqlStatement>> StatementsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SqlStatement>>([SqlStatement.Of("query", command)]);
}
