using System.Text.Json;
using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Taxonomy;

internal sealed class TaxonomyQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Sort keys and the column each one orders by (the id always breaks ties).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sorts = new Dictionary<string, string>
    {
        ["name"] = "name",
        ["slug"] = "slug",
        ["game_count"] = "game_count",
    };

    public async Task<(IReadOnlyList<TaxonomyTermResponse> Rows, int Total, bool MoreBefore, bool MoreAfter)> ListAsync(
        TaxonomyKind kind, PageRequest page, CancellationToken ct)
    {
        var column = Sorts[page.Sort];
        var backwards = page.Cursor?.Direction == PageDirection.Prev;
        // Walking backwards reverses the order; the page is flipped back before it is returned.
        var descending = page.Descending ^ backwards;
        var direction = descending ? " DESC" : " ASC";
        var sql = "WITH terms AS (" + kind.TermsSql + ") SELECT * FROM terms";
        if (page.Cursor is not null)
        {
            sql += " WHERE (" + column + ", id) " + (descending ? "<" : ">") + " ($1, $2)";
        }
        sql += " ORDER BY " + column + direction + ", id" + direction + " LIMIT " + (page.Limit + 1);

        await using var batch = dataSource.CreateBatch();
        var select = new NpgsqlBatchCommand(sql);
        if (page.Cursor is not null)
        {
            select.Parameters.Add(new NpgsqlParameter { Value = CursorValue(page.Sort, page.Cursor.LastValue) });
            select.Parameters.Add(new NpgsqlParameter { Value = page.Cursor.LastId });
        }
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*)::int FROM " + kind.Table));

        var rows = new List<TaxonomyTermResponse>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(Read(kind, reader));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.GetInt32(0);

        var beyond = rows.Count > page.Limit;
        if (beyond) rows.RemoveAt(rows.Count - 1);
        if (backwards)
        {
            rows.Reverse();
            return (rows, total, MoreBefore: beyond, MoreAfter: true);
        }
        return (rows, total, MoreBefore: page.Cursor is not null, MoreAfter: beyond);
    }

    public async Task<TaxonomyTermResponse?> FindAsync(TaxonomyKind kind, string slug, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("WITH terms AS (" + kind.TermsSql + ") SELECT * FROM terms WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(kind, reader) : null;
    }

    /// <summary>The sort value a cursor carries for a row, as JSON.</summary>
    public static JsonElement SortValue(string sort, TaxonomyTermResponse row) => sort switch
    {
        "game_count" => JsonSerializer.SerializeToElement(row.GameCount),
        "slug" => JsonSerializer.SerializeToElement(row.Slug),
        _ => JsonSerializer.SerializeToElement(row.Name),
    };

    private static object CursorValue(string sort, JsonElement value) => sort switch
    {
        "game_count" => value.GetInt32(),
        _ => value.GetString() ?? throw new FormatException("cursor value is not text"),
    };

    private static TaxonomyTermResponse Read(TaxonomyKind kind, NpgsqlDataReader reader)
    {
        var slug = reader.GetString(1);
        return new TaxonomyTermResponse(
            reader.GetGuid(0),
            slug,
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt32(6),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetFieldValue<string[]>(5),
            new Dictionary<string, Link> { ["self"] = new($"/v1/{kind.Path}/{slug}") });
    }
}
