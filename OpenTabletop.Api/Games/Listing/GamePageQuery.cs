using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// One page of games in one round trip whatever the page size: the keyset step (whole game rows)
/// and the count in one batch.
/// </summary>
internal sealed class GamePageQuery(NpgsqlDataSource dataSource)
{
    private static readonly KeysetQuery<GameResponse> Keyset = new(
        // The sort columns are among the game's own; the keyset wrapper orders by their names.
        "SELECT " + GameRows.Columns("g") + " FROM games g WHERE {0}",
        "SELECT count(*)::int FROM games g WHERE {0}",
        GameSorts.Keys,
        GameRows.Read,
        game => game.Id);

    public Task<KeysetPage<GameResponse>> ExecuteAsync(GameFilterSql filter, PageRequest page, CancellationToken ct) =>
        For(filter).ExecuteAsync(dataSource, page, ct, filter.Values);

    /// <summary>The statements a page runs (the benchmark issues them directly to measure the database's own limit).</summary>
    public static KeysetPlan Plan(GameFilterSql filter, PageRequest page) => For(filter).Plan(page, filter.Values);

    private static KeysetQuery<GameResponse> For(GameFilterSql filter) => Keyset with
    {
        RowsSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Keyset.RowsSql, filter.Where),
        CountSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Keyset.CountSql, filter.Where),
    };

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
