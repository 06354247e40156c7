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
    /// When set, the statements are prepared on their connection, so that PostgreSQL may keep one plan
    /// for them instead of planning every request; only for SQL whose best plan does not depend on the
    /// values of its parameters.
    /// </summary>
    public bool Prepared { get; init; }

    /// <summary>False when the caller knows the total by other means: no count is planned or run.</summary>
    public bool Counted { get; init; } = true;

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
            TotalColumn is null && Counted ? new PlannedCommand(CountSql, filters) : null);
    }

    public async Task<KeysetPage<T>> ExecuteAsync(
        NpgsqlDataSource dataSource, PageRequest page, CancellationToken ct, IReadOnlyList<object>? filterValues = null)
    {
        var key = Sorts[page.Sort];
        var backwards = page.Cursor?.Direction == PageDirection.Prev;
        var plan = Plan(page, filterValues);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(plan.Select.ToBatchCommand());
        if (plan.Count is not null) batch.BatchCommands.Add(plan.Count.ToBatchCommand());
        // Npgsql remembers what each physical connection has prepared, so this is a round trip only the first time.
        if (Prepared) await batch.PrepareAsync(ct);

        var rows = new List<(T Row, JsonElement SortValues)>();
        int? total = null;
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
        }
        // No row to carry the total: without a cursor there is nothing at all, after one it must be counted.
        total ??= page.Cursor is null || !Counted ? 0 : await CountAsync(connection, filterValues ?? [], ct);

        var beyond = rows.Count > page.Limit;
        if (beyond) rows.RemoveAt(rows.Count - 1);
        if (backwards) rows.Reverse();
        var moreBefore = backwards ? beyond : page.Cursor is not null;
        var moreAfter = backwards || beyond;

        string? next = null, prev = null;
        if (rows.Count > 0)
        {
            if (moreAfter) next = page.CursorFor(rows[^1].SortValues, Id(rows[^1].Row), PageDirection.Next).Encode();
            if (moreBefore) prev = page.CursorFor(rows[0].SortValues, Id(rows[0].Row), PageDirection.Prev).Encode();
        }
        return new KeysetPage<T>([.. rows.Select(r => r.Row)], total.Value, moreAfter, next, prev);
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
public sealed record KeysetPlan(PlannedCommand Select, PlannedCommand? Count);

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

    public Page<T> ToPage(HttpRequest request, int limit, FilterSummary? summary = null) =>
        new(Rows, new PageMeta(Total, limit, HasMore, NextCursor, PrevCursor, summary, TotalEstimated ? true : null),
            PageLinkBuilder.For(request, NextCursor, PrevCursor));
}
