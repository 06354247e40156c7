namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// Turns validated filters into a WHERE clause over <c>games g</c>. Values are positional
/// parameters; only fixed SQL text is concatenated.
/// </summary>
internal sealed class GameFilterSql
{
    private readonly List<string> _conditions = ["g.status = 'active'"];
    private readonly List<object> _values = [];

    public IReadOnlyList<object> Values => _values;

    public string Where => string.Join(" AND ", _conditions);

    /// <summary>Adds a condition whose '?' marks are replaced, in order, by parameters for the values.</summary>
    public GameFilterSql Add(string condition, params object[] values)
    {
        var parts = condition.Split('?');
        if (parts.Length != values.Length + 1) throw new ArgumentException("One value per '?' is required.", nameof(values));
        var sql = parts[0];
        for (var i = 0; i < values.Length; i++)
        {
            _values.Add(values[i]);
            sql += "$" + _values.Count + parts[i + 1];
        }
        _conditions.Add(sql);
        return this;
    }

    /// <summary>Allocates a parameter for a value that a condition may use more than once.</summary>
    public string Parameter(object value)
    {
        _values.Add(value);
        return "$" + _values.Count;
    }

    /// <summary>Adds a condition already written with parameters from <see cref="Parameter"/>.</summary>
    public GameFilterSql AddSql(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    public static GameFilterSql For(GameFilters f)
    {
        var sql = new GameFilterSql();
        if (f.Types is { } types) sql.Add("g.type = ANY(?)", (object)types.ToArray());
        if (f.Mode is { } mode) sql.Add("g.mode = ?", mode);
        if (f.Players is { } n) sql.Add("g.min_players <= ? AND g.max_players >= ?", n, n);
        // SPEC-DECISIONS: players_min / players_max mean "the game supports at least this range".
        if (f.PlayersMin is { } min) sql.Add("g.min_players <= ?", min);
        if (f.PlayersMax is { } max) sql.Add("g.max_players >= ?", max);
        if (f.WeightMin is { } wmin) sql.Add("g.weight >= ?", wmin);
        if (f.WeightMax is { } wmax) sql.Add("g.weight <= ?", wmax);
        if (f.YearMin is { } ymin) sql.Add("g.year_published >= ?", ymin);
        if (f.YearMax is { } ymax) sql.Add("g.year_published <= ?", ymax);
        if (f.Designer is { } designer)
        {
            sql.Add("EXISTS (SELECT 1 FROM game_credits c JOIN people p ON p.id = c.person_id " +
                    "WHERE c.game_id = g.id AND c.role = 'designer' AND p.slug = ?)", designer);
        }
        if (f.Publisher is { } publisher)
        {
            sql.Add("EXISTS (SELECT 1 FROM game_publishers gp JOIN publishers p ON p.id = gp.publisher_id " +
                    "WHERE gp.game_id = g.id AND p.slug = ?)", publisher);
        }
        if (f.Category is { } category)
        {
            sql.Add("EXISTS (SELECT 1 FROM game_categories gc JOIN categories c ON c.id = gc.category_id " +
                    "WHERE gc.game_id = g.id AND c.slug = ?)", category);
        }
        if (f.Family is { } family)
        {
            sql.Add("EXISTS (SELECT 1 FROM game_families gf JOIN families fa ON fa.id = gf.family_id " +
                    "WHERE gf.game_id = g.id AND fa.slug = ?)", family);
        }
        return sql;
    }
}
