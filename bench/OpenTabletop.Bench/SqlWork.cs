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

    /// <summary>The select, and the count when the select does not carry the total itself.</summary>
    protected static NpgsqlBatch BatchOf(NpgsqlConnection connection, KeysetPlan plan)
    {
        var batch = new NpgsqlBatch(connection) { BatchCommands = { plan.Select.ToBatchCommand() } };
        if (plan.Count is not null) batch.BatchCommands.Add(plan.Count.ToBatchCommand());
        return batch;
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
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await DrainAsync(reader, ct);
    }

    public override Task<IReadOnlyList<SqlStatement>> StatementsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SqlStatement>>([.. StatementsOf(plan, "page", "count")]);
}

/// <summary>
/// A command EF Core sent, captured once (text and parameters as EF made them) and re-sent with
/// other values for the parameters <paramref name="valueFor"/> replaces.
/// </summary>
internal sealed class CapturedCommand(string sql, IReadOnlyList<NpgsqlParameter> parameters)
{
    public string Sql => sql;

    public IReadOnlyList<NpgsqlParameter> Parameters => parameters;

    public IReadOnlyList<NpgsqlParameter> Bind(Func<NpgsqlParameter, object?> valueFor) =>
        [.. parameters.Select(template =>
        {
            var parameter = template.Clone();
            parameter.Value = valueFor(template);
            return parameter;
        })];

    public NpgsqlCommand Create(NpgsqlConnection connection, Func<NpgsqlParameter, object?> valueFor)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in Bind(valueFor)) command.Parameters.Add(parameter);
        return command;
    }
}

/// <summary>One captured EF query (GET /games/{slug}) with the slug swapped in.</summary>
internal sealed class CapturedWork(CapturedCommand command, Func<NpgsqlParameter, object?> valueFor) : SqlWork
{
    public override async Task RunAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var query = command.Create(connection, valueFor);
        await using var reader = await query.ExecuteReaderAsync(ct);
        await DrainAsync(reader, ct);
    }

    public override Task<IReadOnlyList<SqlStatement>> StatementsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SqlStatement>>([new SqlStatement("query", command.Sql, command.Bind(valueFor))]);
}

/// <summary>
/// GET /search?type=game: the ranking batch (page and, unless the page carries it, count), then, when there are hits, the EF
/// query that loads the page's games by id, which is what SearchQueries does for games-only results.
/// </summary>
internal sealed class SearchWork(KeysetPlan ranking, int limit, CapturedCommand gamesById) : SqlWork
{
    public override async Task RunAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var ids = await RankAsync(connection, ct);
        if (ids.Count == 0) return;
        await using var load = gamesById.Create(connection, p => IdsValue(p, ids));
        await using var reader = await load.ExecuteReaderAsync(ct);
        await DrainAsync(reader, ct);
    }

    public override async Task<IReadOnlyList<SqlStatement>> StatementsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var ids = await RankAsync(connection, ct);
        return [.. StatementsOf(ranking, "ranking page", "ranking count"),
            new SqlStatement($"games by id ({ids.Count})", gamesById.Sql, gamesById.Bind(p => IdsValue(p, ids)))];
    }

    /// <summary>Whether a captured command's parameters are exactly one collection of ids, which is what re-binding needs.</summary>
    public static bool CanRebind(CapturedCommand command) =>
        command.Parameters.Count == 1 && command.Parameters[0].Value is IEnumerable<Guid>;

    private static object IdsValue(NpgsqlParameter template, List<Guid> ids) =>
        template.Value is Guid[] ? ids.ToArray() : ids;

    /// <summary>The ids of the page's hits (the extra row that only tells whether there is more is not a hit).</summary>
    private async Task<List<Guid>> RankAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using var batch = BatchOf(connection, ranking);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var (type, id) = (reader.GetOrdinal("result_type"), reader.GetOrdinal("id"));
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < reader.FieldCount; i++) reader.GetValue(i);
            if (ids.Count < limit && reader.GetString(type) == "game") ids.Add(reader.GetGuid(id));
        }
        await reader.NextResultAsync(ct);
        await DrainAsync(reader, ct);
        return ids;
    }
}
