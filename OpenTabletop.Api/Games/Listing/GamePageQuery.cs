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
        // Counted exactly up to the limit only: past it the planner's estimate is cheaper and honest enough.
        "SELECT count(*)::int FROM (SELECT 1 FROM games g WHERE {0} LIMIT " + (ExactTotalLimit + 1) + ") AS capped",
        GameSorts.Keys,
        GameRows.Read,
        game => game.Id);

    /// <summary>SPEC-DECISIONS "Totals": exact up to 10,000 matches, an estimate above.</summary>
    public const int ExactTotalLimit = 10_000;

    public async Task<KeysetPage<GameResponse>> ExecuteAsync(GameFilterSql filter, PageRequest page, CancellationToken ct)
    {
        var result = await For(filter).ExecuteAsync(dataSource, page, ct, filter.Values);
        if (result.Total <= ExactTotalLimit) return result;
        return result with { Total = Math.Max(ExactTotalLimit + 1, await EstimateAsync(filter, ct)), TotalEstimated = true };
    }

    /// <summary>The planner's row estimate for the filter (one more round trip, only for very broad queries).</summary>
    private async Task<int> EstimateAsync(GameFilterSql filter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("EXPLAIN (FORMAT JSON) SELECT 1 FROM games g WHERE " + filter.Where);
        foreach (var value in filter.Values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var plan = (string)(await command.ExecuteScalarAsync(ct))!;
        using var json = System.Text.Json.JsonDocument.Parse(plan);
        var rows = json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        return (int)Math.Min(int.MaxValue, Math.Round(rows));
    }

    /// <summary>The statements a page runs (the benchmark issues them directly to measure the database's own limit).</summary>
    public static KeysetPlan Plan(GameFilterSql filter, PageRequest page) => For(filter).Plan(page, filter.Values);

    private static KeysetQuery<GameResponse> For(GameFilterSql filter)
    {
        var query = Keyset with
        {
            RowsSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Keyset.RowsSql, filter.Where),
            CountSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Keyset.CountSql, filter.Where),
        };
        // Effective mode: the filter chooses the page through EXISTS (so the planner may start from the
        // variants' indexes when they are selective); only the page's rows then look up the first
        // variant (by preference) that matched, for matched_via.
        return filter.VariantWhere is not { } variant ? query : query with
        {
            PageWrapper = "SELECT page.*, mv.* FROM ({page}) AS page CROSS JOIN LATERAL (SELECT " + MatchedVia.Columns +
                          " FROM games g, game_variants v WHERE g.id = page.id AND " + variant + " ORDER BY v.preference LIMIT 1) AS mv ORDER BY {order}",
            Read = row => GameRows.Read(row) with { MatchedVia = MatchedVia.Read(row) },
        };
    }

    /// <summary>
    /// The named things among the filters that do not exist (SPEC-DECISIONS: a well-formed but
    /// unknown slug or id → 422 naming the field and the value), checked in one round trip.
    /// <paramref name="fieldName"/> turns a GET parameter name into the caller's field name.
    /// </summary>
    public async Task<List<FieldError>> UnknownReferencesAsync(GameFilters filters, Func<string, string> fieldName, CancellationToken ct)
    {
        var checks = new (string Field, string Table, string Noun, IReadOnlyList<string> Values)[]
        {
            ("mechanics", "mechanics", "mechanic", filters.MechanicsAny),
            ("mechanics_all", "mechanics", "mechanic", filters.MechanicsAll),
            ("mechanics_not", "mechanics", "mechanic", filters.MechanicsNot),
            ("themes", "themes", "theme", filters.ThemesAny),
            ("theme_not", "themes", "theme", filters.ThemesNot),
            ("categories", "categories", "category", filters.CategoriesAny),
            ("category", "categories", "category", filters.Category),
            ("designer", "people", "designer", filters.Designers),
            ("publisher", "publishers", "publisher", filters.Publishers),
            ("family", "families", "family", filters.Families),
        }.Where(c => c.Values.Count > 0).ToList();
        if (checks.Count == 0) return [];

        var selects = new List<string>();
        var values = new List<object>();
        for (var i = 0; i < checks.Count; i++)
        {
            var table = checks[i].Table;
            values.Add(checks[i].Values.Where(v => !Guid.TryParse(v, out _)).ToArray());
            selects.Add($"SELECT {i}, v FROM unnest(${values.Count}::text[]) AS v WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.slug = v)");
            values.Add(checks[i].Values.Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null).OfType<Guid>().ToArray());
            selects.Add($"SELECT {i}, v::text FROM unnest(${values.Count}::uuid[]) AS v WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = v)");
        }

        await using var command = dataSource.CreateCommand(string.Join(" UNION ALL ", selects));
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var unknown = new List<(int Check, string Value)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) unknown.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        return [.. unknown.GroupBy(u => u.Check).OrderBy(g => g.Key).Select(g =>
        {
            var check = checks[g.Key];
            var field = fieldName(check.Field);
            return new FieldError(field, $"No {check.Noun} is named {FilterRules.Quoted(g.Select(u => u.Value))}.", "unknown_slug");
        })];
    }
}
