using Npgsql;
using OpenTabletop.Api.Games.Listing.InMemory;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// Resolves the slugs and ids the filters name, in one round trip, and reports those that do not
/// exist (SPEC-DECISIONS: a well-formed but unknown slug or id → 422 naming the field and the value).
/// </summary>
internal static class FilterReferenceResolver
{
    private sealed record Check(string Field, string Table, string Noun, bool Coded, IReadOnlyList<string> Values);

    private static IEnumerable<Check> ChecksOf(GameFilters f) => new Check[]
    {
        new("mechanics", "mechanics", "mechanic", true, f.MechanicsAny),
        new("mechanics_all", "mechanics", "mechanic", true, f.MechanicsAll),
        new("mechanics_not", "mechanics", "mechanic", true, f.MechanicsNot),
        new("themes", "themes", "theme", true, f.ThemesAny),
        new("theme_not", "themes", "theme", true, f.ThemesNot),
        new("categories", "categories", "category", true, f.CategoriesAny),
        new("category", "categories", "category", true, f.Category),
        new("designer", "people", "designer", false, f.Designers),
        new("publisher", "publishers", "publisher", false, f.Publishers),
        new("family", "families", "family", false, f.Families),
    }.Where(c => c.Values.Count > 0);

    /// <summary>
    /// The references resolved on the in-memory index's copy of the taxonomy, or null when that
    /// cannot answer: a filter names people, publishers or families, or a value the copy does not
    /// know (unknown, or newer than the copy; SQL then tells which). Valid only together with a page
    /// read at the snapshot's generation, which taxonomy changes move.
    /// </summary>
    public static FilterReferences? TryResolve(GameIndexSnapshot snapshot, GameFilters filters)
    {
        var codes = new Dictionary<string, int[]>();
        foreach (var check in ChecksOf(filters))
        {
            if (!check.Coded || !snapshot.TermCodes.TryGetValue(check.Table, out var known)) return null;
            var resolved = new List<int>(check.Values.Count);
            foreach (var value in check.Values)
            {
                var key = Guid.TryParse(value, out var id) ? id.ToString("D") : value;
                if (!known.TryGetValue(key, out var code)) return null;
                resolved.Add(code);
            }
            codes[check.Field] = [.. resolved.Distinct().Order()];
        }
        return codes.Count == 0 ? FilterReferences.None : new FilterReferences(codes, new Dictionary<string, Guid[]>());
    }

    /// <summary>
    /// <paramref name="fieldName"/> turns a GET parameter name into the caller's field name for the
    /// errors; the references are keyed by the GET name whatever the caller.
    /// </summary>
    public static async Task<(FilterReferences References, List<FieldError> Unknown)> ResolveAsync(
        NpgsqlDataSource dataSource, GameFilters filters, Func<string, string> fieldName, CancellationToken ct)
    {
        var checks = ChecksOf(filters).ToList();
        if (checks.Count == 0) return (FilterReferences.None, []);

        var selects = new List<string>();
        var values = new List<object>();
        for (var i = 0; i < checks.Count; i++)
        {
            var (table, resolved) = (checks[i].Table, checks[i].Coded ? "t.code, NULL::uuid" : "NULL::int, t.id");
            values.Add(checks[i].Values.Where(v => !Guid.TryParse(v, out _)).ToArray());
            selects.Add($"SELECT {i}, v, {resolved} FROM unnest(${values.Count}::text[]) AS v LEFT JOIN {table} t ON t.slug = v");
            values.Add(checks[i].Values.Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null).OfType<Guid>().ToArray());
            selects.Add($"SELECT {i}, v::text, {resolved} FROM unnest(${values.Count}::uuid[]) AS v LEFT JOIN {table} t ON t.id = v");
        }

        await using var command = dataSource.CreateCommand(string.Join(" UNION ALL ", selects));
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var rows = new List<(int Check, string Value, int? Code, Guid? Id)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetGuid(3)));
            }
        }

        var unknown = rows.Where(r => r.Code is null && r.Id is null).GroupBy(r => r.Check).OrderBy(g => g.Key).Select(g =>
        {
            var check = checks[g.Key];
            return new FieldError(fieldName(check.Field), $"No {check.Noun} is named {FilterRules.Quoted(g.Select(u => u.Value))}.", "unknown_slug");
        }).ToList();
        var codes = checks.Select((c, i) => (c, i)).Where(x => x.c.Coded).ToDictionary(x => x.c.Field,
            x => rows.Where(r => r.Check == x.i && r.Code is not null).Select(r => r.Code!.Value).Distinct().Order().ToArray());
        var ids = checks.Select((c, i) => (c, i)).Where(x => !x.c.Coded).ToDictionary(x => x.c.Field,
            x => rows.Where(r => r.Check == x.i && r.Id is not null).Select(r => r.Id!.Value).Distinct().ToArray());
        return (new FilterReferences(codes, ids), unknown);
    }
}
