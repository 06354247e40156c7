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

    private static readonly Dictionary<string, (string Column, decimal Default)> Multipliers = new()
    {
        // Global defaults when a game lacks sufficient experience data (SPEC-DECISIONS "Playtime with experience").
        ["first_play"] = ("multiplier_first_play", 1.50m),
        ["learning"] = ("multiplier_learning", 1.25m),
        ["experienced"] = ("multiplier_experienced", 1.00m),
        ["expert"] = ("multiplier_expert", 0.85m),
    };

    public static GameFilterSql For(GameFilters f)
    {
        var sql = new GameFilterSql();
        if (f.Types.Count > 0) sql.Add("g.type = ANY(?)", (object)f.Types.ToArray());
        if (f.Modes.Count > 0) sql.Add("g.mode = ANY(?)", (object)f.Modes.ToArray());

        if (f.Players is { } n) sql.Add("g.min_players <= ? AND g.max_players >= ?", n, n);
        // SPEC-DECISIONS: players_min / players_max mean "the game supports at least this range".
        if (f.PlayersMin is { } pmin) sql.Add("g.min_players <= ?", pmin);
        if (f.PlayersMax is { } pmax) sql.Add("g.max_players >= ?", pmax);
        if (f.BestAt is { } best) sql.Add("g.top_player_counts @> ARRAY[?]::int[]", best);
        if (f.RecommendedAt is { } rec) sql.Add("g.recommended_player_counts @> ARRAY[?]::int[]", rec);

        var community = f.PlaytimeSource == "community";
        var (minColumn, maxColumn) = community
            ? ("g.community_playtime_min_minutes", "g.community_playtime_max_minutes")
            : ("g.min_playtime_minutes", "g.max_playtime_minutes");
        var factor = f.PlaytimeExperience is { } level ? " * " + MultiplierSql(level) : "";
        if (f.PlaytimeMin is { } tmin) sql.Add($"{minColumn}{factor} >= ?", tmin);
        if (f.PlaytimeMax is { } tmax) sql.Add($"{maxColumn}{factor} <= ?", tmax);
        if (f.CommunityPlaytimeMin is { } cmin) sql.Add($"g.community_playtime_min_minutes{factor} >= ?", cmin);
        if (f.CommunityPlaytimeMax is { } cmax) sql.Add($"g.community_playtime_max_minutes{factor} <= ?", cmax);

        if (f.WeightMin is { } wmin) sql.Add("g.weight >= ?", wmin);
        if (f.WeightMax is { } wmax) sql.Add("g.weight <= ?", wmax);
        if (f.MinWeightVotes is { } wvotes) sql.Add("g.weight_votes >= ?", wvotes);
        if (f.RatingMin is { } rmin) sql.Add("g.average_rating >= ?", rmin);
        if (f.RatingMax is { } rmax) sql.Add("g.average_rating <= ?", rmax);
        if (f.MinRatingVotes is { } rvotes) sql.Add("g.rating_count >= ?", rvotes);
        if (f.ConfidenceMin is { } conf) sql.Add("g.rating_confidence >= ?", conf);

        var ageColumn = f.AgeSource == "community" ? "g.community_suggested_age" : "g.min_age";
        if (f.AgeMin is { } amin) sql.Add($"{ageColumn} >= ?", amin);
        if (f.AgeMax is { } amax) sql.Add($"{ageColumn} <= ?", amax);

        if (f.MechanicsAny.Count > 0) sql.Add(HasAny("game_mechanics", "mechanic_id", "mechanics"), (object)f.MechanicsAny.ToArray());
        foreach (var slug in f.MechanicsAll) sql.Add(HasAny("game_mechanics", "mechanic_id", "mechanics"), (object)new[] { slug });
        if (f.MechanicsNot.Count > 0) sql.Add("NOT " + HasAny("game_mechanics", "mechanic_id", "mechanics"), (object)f.MechanicsNot.ToArray());
        if (f.ThemesAny.Count > 0) sql.Add(HasAny("game_themes", "theme_id", "themes"), (object)f.ThemesAny.ToArray());
        if (f.ThemesNot.Count > 0) sql.Add("NOT " + HasAny("game_themes", "theme_id", "themes"), (object)f.ThemesNot.ToArray());
        if (f.CategoriesAny.Count > 0) sql.Add(HasAny("game_categories", "category_id", "categories"), (object)f.CategoriesAny.ToArray());
        if (f.Category.Count > 0) sql.Add(HasAny("game_categories", "category_id", "categories"), (object)f.Category.ToArray());

        if (f.Designers.Count > 0)
        {
            var (slugs, ids) = Split(f.Designers);
            sql.Add("EXISTS (SELECT 1 FROM game_credits c JOIN people p ON p.id = c.person_id " +
                    "WHERE c.game_id = g.id AND c.role = 'designer' AND (p.slug = ANY(?) OR p.id = ANY(?)))", slugs, ids);
        }
        if (f.Publishers.Count > 0)
        {
            var (slugs, ids) = Split(f.Publishers);
            sql.Add("EXISTS (SELECT 1 FROM game_publishers gp JOIN publishers p ON p.id = gp.publisher_id " +
                    "WHERE gp.game_id = g.id AND (p.slug = ANY(?) OR p.id = ANY(?)))", slugs, ids);
        }
        if (f.Families.Count > 0)
        {
            var (slugs, ids) = Split(f.Families);
            sql.Add("EXISTS (SELECT 1 FROM game_families gf JOIN families fa ON fa.id = gf.family_id " +
                    "WHERE gf.game_id = g.id AND (fa.slug = ANY(?) OR fa.id = ANY(?)))", slugs, ids);
        }

        if (f.YearMin is { } ymin) sql.Add("g.year_published >= ?", ymin);
        if (f.YearMax is { } ymax) sql.Add("g.year_published <= ?", ymax);
        if (f.LanguageDependence.Count > 0) sql.Add("g.language_dependence = ANY(?)", (object)f.LanguageDependence.ToArray());
        return sql;
    }

    /// <summary>The game carries at least one of the terms named by the slug array parameter.</summary>
    private static string HasAny(string junction, string column, string terms) =>
        $"EXISTS (SELECT 1 FROM {junction} j JOIN {terms} t ON t.id = j.{column} WHERE j.game_id = g.id AND t.slug = ANY(?))";

    /// <summary>The game's multiplier for an experience level, or the global default without sufficient data.</summary>
    private static string MultiplierSql(string level)
    {
        var (column, fallback) = Multipliers[level];
        return "COALESCE((SELECT CASE WHEN x.sufficient_data THEN x." + column + " END FROM experience_playtime_profiles x " +
               "WHERE x.game_id = g.id), " + fallback.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    private static (object Slugs, object Ids) Split(IReadOnlyList<string> identifiers)
    {
        var ids = identifiers.Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null).Where(id => id is not null).Select(id => id!.Value).ToArray();
        var slugs = identifiers.Where(v => !Guid.TryParse(v, out _)).ToArray();
        return (slugs, ids);
    }
}
