using System.Text.Json;
using Npgsql;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>
/// Keyset pagination over a row set: <c>RowsSql</c> yields the candidate rows with an <c>id</c> column
/// and every sortable column; <c>Sorts</c> maps each public sort key to its column. Column names come
/// from code, never from a request; the cursor's values are parameters.
/// </summary>
public sealed record KeysetQuery<T>(
    string RowsSql,
    string CountSql,
    IReadOnlyDictionary<string, string> Sorts,
    Func<NpgsqlDataReader, T> Read,
    Func<T, Guid> Id)
{
    public async Task<KeysetPage<T>> ExecuteAsync(NpgsqlDataSource dataSource, PageRequest page, CancellationToken ct)
    {
        var column = Sorts[page.Sort];
        var backwards = page.Cursor?.Direction == PageDirection.Prev;
        // Walking backwards reverses the order; the page is flipped back before it is returned.
        var descending = page.Descending ^ backwards;
        var direction = descending ? " DESC" : " ASC";
        var sql = "SELECT * FROM (" + RowsSql + ") AS rows";
        if (page.Cursor is not null)
        {
            sql += " WHERE (" + column + ", id) " + (descending ? "<" : ">") + " ($1, $2)";
        }
        sql += " ORDER BY " + column + direction + ", id" + direction + " LIMIT " + (page.Limit + 1);

        await using var batch = dataSource.CreateBatch();
        var select = new NpgsqlBatchCommand(sql);
        if (page.Cursor is not null)
        {
            select.Parameters.Add(new NpgsqlParameter { Value = ParameterValue(page.Cursor.LastValue) });
            select.Parameters.Add(new NpgsqlParameter { Value = page.Cursor.LastId });
        }
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CountSql));

        var rows = new List<(T Row, JsonElement SortValue)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            var ordinal = -1;
            while (await reader.ReadAsync(ct))
            {
                if (ordinal < 0) ordinal = reader.GetOrdinal(column);
                rows.Add((Read(reader), JsonSerializer.SerializeToElement(reader.GetValue(ordinal))));
            }
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var total = reader.GetInt32(0);

            var beyond = rows.Count > page.Limit;
            if (beyond) rows.RemoveAt(rows.Count - 1);
            if (backwards) rows.Reverse();
            var moreBefore = backwards ? beyond : page.Cursor is not null;
            var moreAfter = backwards || beyond;

            string? next = null, prev = null;
            if (rows.Count > 0)
            {
                if (moreAfter) next = CursorOf(page, rows[^1], PageDirection.Next).Encode();
                if (moreBefore) prev = CursorOf(page, rows[0], PageDirection.Prev).Encode();
            }
            return new KeysetPage<T>([.. rows.Select(r => r.Row)], total, moreAfter, next, prev);
        }
    }

    private Cursor CursorOf(PageRequest page, (T Row, JsonElement SortValue) row, PageDirection direction) =>
        page.CursorFor(row.SortValue, Id(row.Row), direction);

    /// <summary>Cursor values are the JSON of what the database returned: text or a number.</summary>
    private static object ParameterValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDecimal(),
        _ => throw new FormatException("The cursor's sort value has an unexpected type."),
    };
}

public sealed record KeysetPage<T>(IReadOnlyList<T> Rows, int Total, bool HasMore, string? NextCursor, string? PrevCursor)
{
    public Page<T> ToPage(HttpRequest request, int limit) =>
        new(Rows, new PageMeta(Total, limit, HasMore, NextCursor, PrevCursor), PageLinkBuilder.For(request, NextCursor, PrevCursor));
}
