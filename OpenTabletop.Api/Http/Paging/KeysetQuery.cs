using System.Text.Json;
using Npgsql;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>
/// Keyset pagination over a row set: <c>RowsSql</c> yields the candidate rows with an <c>id</c> column
/// and every sortable column; <c>Sorts</c> maps each public sort key to its columns. Column names come
/// from code, never from a request. Filter values are positional parameters ($1…$n) shared by
/// <c>RowsSql</c> and <c>CountSql</c>; the cursor's values follow them.
/// </summary>
public sealed record KeysetQuery<T>(
    string RowsSql,
    string CountSql,
    IReadOnlyDictionary<string, SortKey> Sorts,
    Func<NpgsqlDataReader, T> Read,
    Func<T, Guid> Id)
{
    /// <summary>
    /// Optional SQL around the chosen page, for columns that are costly per row and needed only for the
    /// rows shown: <c>{page}</c> is the page's select (with its ORDER BY and LIMIT), <c>{order}</c> its
    /// ORDER BY list, to be repeated outside.
    /// </summary>
    public string? PageWrapper { get; init; }

    /// <summary>
    /// When set, <c>RowsSql</c> carries the total of the whole row set (before the keyset step) in
    /// this column, so the page and its total take one statement; <c>CountSql</c> then runs only for
    /// an empty page after a cursor, where no row can carry it.
    /// </summary>
    public string? TotalColumn { get; init; }

    /// <summary>
    /// When set, the statements are prepared on their connection and run with one generic plan
    /// (<see cref="GenericPlans"/>) instead of being planned on every request; only for SQL whose best
    /// plan does not depend on the values of its parameters.
    /// </summary>
    public bool Prepared { get; init; }

    /// <summary>
    /// Sent ahead of prepared statements in their batch. PostgreSQL's default plans a prepared
    /// statement again for its values whenever a generic plan looks dearer, which for the search
    /// ranking was every time (about 2 ms, as long as running it). The setting lasts until the
    /// connection goes back to the pool, where Npgsql resets the session, so it reaches no other
    /// statement (a generic plan would hurt those whose plan depends on their values).
    /// </summary>
    public const string GenericPlans = "SET plan_cache_mode = force_generic_plan";

    /// <summary>False when the caller knows the total by other means: no count is planned or run.</summary>
    public bool Counted { get; init; } = true;

    /// <summary>
    /// A statement run last in the page's batch, whose single value the page reports in
    /// <see cref="KeysetPage{T}.Trailer"/>: e.g. the in-memory index's generation, read after the rows
    /// so that the caller can tell whether anything had changed when they were read.
    /// </summary>
    public PlannedCommand? Trailer { get; init; }

    /// <summary>
    /// The statements one keyset step runs, without running them: the page select and the count
    /// (null when <see cref="TotalColumn"/> carries it). Exposed so that the benchmark can issue
    /// exactly the API's SQL straight through Npgsql.
    /// </summary>
    public KeysetPlan Plan(PageRequest page, IReadOnlyList<object>? filterValues = null)
    {
        var key = Sorts[page.Sort];
        var backwards = page.Cursor?.Direction == PageDirection.Prev;
        // Walking backwards reverses the order; the page is flipped back before it is returned.
        var descending = page.Descending ^ backwards;
        var filters = filterValues ?? [];

        var parameters = filters.Select(v => new NpgsqlParameter { Value = v }).ToList();
        var orderBy = " ORDER BY " + KeysetPredicate.OrderBy(key, descending, backwards) + " LIMIT " + (page.Limit + 1);
        var rows = "SELECT * FROM (" + RowsSql + ") AS rows";
        string sql;
        if (page.Cursor is null)
        {
            sql = rows + orderBy;
        }
        else
        {
            var boundary = BoundaryOf(page.Cursor, key);
            var arms = KeysetPredicate.After(key, boundary, page.Cursor.LastId, descending, backwards, filters.Count + 1, parameters);
            // Each arm is its own index range (see KeysetPredicate.After), so each gets its own ORDER BY and LIMIT.
            sql = arms.Count == 1
                ? rows + " WHERE " + arms[0] + orderBy
                : "SELECT * FROM (" + string.Join(" UNION ALL ", arms.Select(arm => "(" + rows + " WHERE " + arm + orderBy + ")")) + ") AS rows" + orderBy;
        }
        if (PageWrapper is not null)
        {
            sql = PageWrapper.Replace("{page}", sql, StringComparison.Ordinal)
                .Replace("{order}", KeysetPredicate.OrderBy(key, descending, backwards), StringComparison.Ordinal);
        }
        return new KeysetPlan(
            new PlannedCommand(sql, [.. parameters.Select(p => p.Value!)]),
            TotalColumn is null && Counted ? new PlannedCommand(CountSql, filters) : null) { Prepared = Prepared, Trailer = Trailer };
    }

    public async Task<KeysetPage<T>> ExecuteAsync(
        NpgsqlDataSource dataSource, PageRequest page, CancellationToken ct, IReadOnlyList<object>? filterValues = null)
    {
        var key = Sorts[page.Sort];
        var plan = Plan(page, filterValues);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = plan.ToBatch(connection);
        // Npgsql remembers what each physical connection has prepared, so this is a round trip only the first time.
        if (Prepared) await batch.PrepareAsync(ct);

        var rows = new List<(T Row, JsonElement SortValues)>();
        int? total = null;
        object? trailer = null;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            int[]? ordinals = null;
            while (await reader.ReadAsync(ct))
            {
                ordinals ??= [.. key.Columns.Select(c => reader.GetOrdinal(c.Column))];
                var values = ordinals.Select(o => reader.IsDBNull(o) ? null : reader.GetValue(o)).ToArray();
                rows.Add((Read(reader), JsonSerializer.SerializeToElement(values)));
                total ??= TotalColumn is null ? null : Convert.ToInt32(reader.GetValue(reader.GetOrdinal(TotalColumn)), System.Globalization.CultureInfo.InvariantCulture);
            }
            if (plan.Count is not null)
            {
                await reader.NextResultAsync(ct);
                await reader.ReadAsync(ct);
                total = reader.GetInt32(0);
            }
            if (plan.Trailer is not null)
            {
                await reader.NextResultAsync(ct);
                trailer = await reader.ReadAsync(ct) ? reader.GetValue(0) : null;
            }
        }
        // No row to carry the total: without a cursor there is nothing at all, after one it must be counted.
        total ??= page.Cursor is null || !Counted ? 0 : await CountAsync(connection, filterValues ?? [], ct);

        return Assemble(rows, page, total.Value, Id) with { Trailer = trailer };
    }

    /// <summary>
    /// The page from the rows of one keyset step in walking order (up to limit + 1, the extra one
    /// saying there is more), each with its sort values: trimmed, turned the right way round, with
    /// the cursors to either side.
    /// </summary>
    public static KeysetPage<T> Assemble(List<(T Row, JsonElement SortValues)> rows, PageRequest page, int total, Func<T, Guid> id)
    {
        var backwards = page.Cursor?.Direction == PageDirection.Prev;
        var beyond = rows.Count > page.Limit;
        if (beyond) rows.RemoveAt(rows.Count - 1);
        if (backwards) rows.Reverse();
        var moreBefore = backwards ? beyond : page.Cursor is not null;
        var moreAfter = backwards || beyond;

        string? next = null, prev = null;
        if (rows.Count > 0)
        {
            if (moreAfter) next = page.CursorFor(rows[^1].SortValues, id(rows[^1].Row), PageDirection.Next).Encode();
            if (moreBefore) prev = page.CursorFor(rows[0].SortValues, id(rows[0].Row), PageDirection.Prev).Encode();
        }
        return new KeysetPage<T>([.. rows.Select(r => r.Row)], total, moreAfter, next, prev);
    }

    private async Task<int> CountAsync(NpgsqlConnection connection, IReadOnlyList<object> filterValues, CancellationToken ct)
    {
        await using var command = new PlannedCommand(CountSql, filterValues).ToCommand(connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The cursor's values, one per sort column; anything else is not our cursor.</summary>
    private static object?[] BoundaryOf(Cursor cursor, SortKey key)
    {
        if (cursor.LastValue.ValueKind != JsonValueKind.Array || cursor.LastValue.GetArrayLength() != key.Columns.Count)
        {
            throw new FormatException("The cursor does not match the sort key.");
        }
        return [.. cursor.LastValue.EnumerateArray().Select(KeysetPredicate.ValueOf)];
    }
}

/// <summary>The page select and the count of one keyset step; no count when the select carries the total.</summary>
public sealed record KeysetPlan(PlannedCommand Select, PlannedCommand? Count)
{
    /// <summary>True when the caller prepares the statements on their connection (as the Api does).</summary>
    public bool Prepared { get; init; }

    /// <summary>What the second statement is, for reports: the count, or another statement in its place.</summary>
    public string CountLabel { get; init; } = "count";

    /// <summary>The statement after the page and its count (<see cref="KeysetQuery{T}.Trailer"/>).</summary>
    public PlannedCommand? Trailer { get; init; }

    /// <summary>The batch the statements run in: after <see cref="KeysetQuery{T}.GenericPlans"/> when prepared.</summary>
    public NpgsqlBatch ToBatch(NpgsqlConnection connection)
    {
        var batch = new NpgsqlBatch(connection);
        if (Prepared) batch.BatchCommands.Add(new NpgsqlBatchCommand(KeysetQuery<object>.GenericPlans));
        batch.BatchCommands.Add(Select.ToBatchCommand());
        if (Count is not null) batch.BatchCommands.Add(Count.ToBatchCommand());
        if (Trailer is not null) batch.BatchCommands.Add(Trailer.ToBatchCommand());
        return batch;
    }
}

/// <summary>An SQL statement with its positional parameter values ($1…$n).</summary>
public sealed record PlannedCommand(string Sql, IReadOnlyList<object> Values)
{
    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        foreach (var value in Values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    public NpgsqlCommand ToCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Sql, connection);
        foreach (var value in Values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

public sealed record KeysetPage<T>(IReadOnlyList<T> Rows, int Total, bool HasMore, string? NextCursor, string? PrevCursor)
{
    /// <summary>True when <see cref="Total"/> is the planner's estimate (SPEC-DECISIONS "Totals": above 10,000).</summary>
    public bool TotalEstimated { get; init; }

    /// <summary>The value of the query's <see cref="KeysetQuery{T}.Trailer"/> statement, when it has one.</summary>
    public object? Trailer { get; init; }

    public Page<T> ToPage(HttpRequest request, int limit, FilterSummary? summary = null) =>
        new(Rows, new PageMeta(Total, limit, HasMore, NextCursor, PrevCursor, summary, TotalEstimated ? true : null),
            PageLinkBuilder.For(request, NextCursor, PrevCursor));
}
