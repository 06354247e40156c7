using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// One page of games in two round trips whatever the page size: the keyset step and the count in
/// one batch (ids only), then the page's games in one query, put back in page order.
/// </summary>
internal sealed class GamePageQuery(NpgsqlDataSource dataSource, OpenTabletopDbContext db)
{
    public async Task<KeysetPage<GameResponse>> ExecuteAsync(GameFilterSql filter, PageRequest page, CancellationToken ct)
    {
        var ids = await new KeysetQuery<Guid>(
                "SELECT " + GameSorts.Columns + " FROM games g WHERE " + filter.Where,
                "SELECT count(*)::int FROM games g WHERE " + filter.Where,
                GameSorts.Keys,
                reader => reader.GetGuid(0),
                id => id)
            .ExecuteAsync(dataSource, page, ct, filter.Values);

        var wanted = ids.Rows.ToArray();
        var games = wanted.Length == 0
            ? []
            : await db.Games.Where(g => wanted.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        // A game deleted between the two queries is dropped rather than failing the page.
        IReadOnlyList<GameResponse> rows = [.. wanted.Where(games.ContainsKey).Select(id => games[id].ToResponse())];
        return new KeysetPage<GameResponse>(rows, ids.Total, ids.HasMore, ids.NextCursor, ids.PrevCursor);
    }

    /// <summary>
    /// The slugs among the filters that name nothing (SPEC-DECISIONS: well-formed but unknown → 422),
    /// checked in one round trip.
    /// </summary>
    public async Task<List<FieldError>> UnknownSlugsAsync(GameFilters filters, CancellationToken ct)
    {
        var checks = new List<(string Field, string Table, string Slug)>();
        if (filters.Designer is { } designer) checks.Add(("designer", "people", designer));
        if (filters.Publisher is { } publisher) checks.Add(("publisher", "publishers", publisher));
        if (filters.Category is { } category) checks.Add(("category", "categories", category));
        if (filters.Family is { } family) checks.Add(("family", "families", family));
        if (checks.Count == 0) return [];

        var selects = checks.Select((c, i) => $"SELECT {i} WHERE NOT EXISTS (SELECT 1 FROM {c.Table} WHERE slug = ${i + 1})");
        await using var command = dataSource.CreateCommand(string.Join(" UNION ALL ", selects));
        foreach (var check in checks) command.Parameters.Add(new NpgsqlParameter { Value = check.Slug });
        var errors = new List<FieldError>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (field, _, slug) = checks[reader.GetInt32(0)];
            errors.Add(new(field, $"No {field} has the slug '{slug}'.", "unknown_slug"));
        }
        return errors;
    }
}
