namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// Turns validated filters into a WHERE clause over <c>game_facets g</c> (a game's filterable columns
/// under their games names, and its term codes). Values are positional
/// parameters; only fixed SQL text is concatenated. In effective mode the effective dimensions
/// become conditions on the game's variants (<c>game_variants v</c>) instead.
/// </summary>
internal sealed class GameFilterSql
{
    private readonly List<string> _conditions = ["g.status = 'active'"];
    private readonly List<string>? _variantConditions;
    private readonly List<object> _values = [];

    public GameFilterSql(bool variants = false, bool integrations = false)
    {
        if (!variants) return;
        _variantConditions = ["v.game_id = g.id"];
        if (!integrations) _variantConditions.Add("NOT v.integration");
    }

    public IReadOnlyList<object> Values => _values;

    /// <summary>True when nothing narrows the active catalogue.</summary>
    public bool Unfiltered => _conditions.Count == 1 && _variantConditions is null;

    /// <summary>The whole filter (base conditions, and in effective mode "some variant matches"): for counts.</summary>
    public string Where => VariantWhere is null ? BaseWhere : BaseWhere + " AND EXISTS (SELECT 1 FROM game_variants v WHERE " + VariantWhere + ")";

    /// <summary>The conditions on the game row itself.</summary>
    public string BaseWhere => string.Join(" AND ", _conditions);

    /// <summary>The conditions a variant <c>v</c> of <c>g</c> must meet; null outside effective mode.</summary>
    public string? VariantWhere => _variantConditions is null ? null : string.Join(" AND ", _variantConditions);

    /// <summary>Adds a condition on the variant in effective mode, else on the game, naming the column by <paramref name="column"/>.</summary>
    private GameFilterSql AddOn(bool onVariant, Func<string, string> column, string condition, params object[] values)
    {
        var alias = onVariant && _variantConditions is not null ? "v" : "g";
        return AddTo(alias == "v" ? _variantConditions! : _conditions, condition.Replace("{c}", column(alias), StringComparison.Ordinal), values);
    }

    /// <summary>Adds a condition whose '?' marks are replaced, in order, by parameters for the values.</summary>
    public GameFilterSql Add(string condition, params object[] values) => AddTo(_conditions, condition, values);

    private GameFilterSql AddTo(List<string> target, string condition, object[] values)
    {
        var parts = condition.Split('?');
        if (parts.Length != values.Length + 1) throw new ArgumentException("One value per '?' is required.", nameof(values));
        var sql = parts[0];
        for (var i = 0; i < values.Length; i++)
        {
            _values.Add(values[i]);
            sql += "$" + _values.Count + parts[i + 1];
        }
        target.Add(sql);
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

    /// <summary>The filter's SQL; <paramref name="refs"/> are its named things resolved (<see cref="FilterReferenceResolver"/>).</summary>
    public static GameFilterSql For(GameFilters f, FilterReferences refs)
    {
        var sql = new GameFilterSql(f.UsesVariants, f.IncludeIntegrations);
        if (f.Types.Count > 0) sql.Add("g.type = ANY(?)", (object)f.Types.ToArray());
        if (f.Modes.Count > 0) sql.Add("g.mode = ANY(?)", (object)f.Modes.ToArray());

        // Variant columns share the game's names except for the player-count arrays.
        var players = f.Effective;
        if (f.Players is { } n) sql.AddOn(players, a => a, "{c}.min_players <= ? AND {c}.max_players >= ?", n, n);
        // SPEC-DECISIONS: players_min / players_max mean "the game supports at least this range".
        if (f.PlayersMin is { } pmin) sql.AddOn(players, a => a + ".min_players", "{c} <= ?", pmin);
        if (f.PlayersMax is { } pmax) sql.AddOn(players, a => a + ".max_players", "{c} >= ?", pmax);
        if (f.BestAt is { } best) sql.AddOn(players, a => a == "v" ? "v.top_at" : "g.top_player_counts", "{c} @> ARRAY[?]::int[]", best);
        if (f.RecommendedAt is { } rec) sql.AddOn(players, a => a == "v" ? "v.recommended_at" : "g.recommended_player_counts", "{c} @> ARRAY[?]::int[]", rec);

        // Variants carry publisher playtimes only: community playtime always compares on the game.
        var community = f.PlaytimeSource == "community";
        var playtime = f.Effective && !community;
        var (minColumn, maxColumn) = community
            ? ("community_playtime_min_minutes", "community_playtime_max_minutes")
            : ("min_playtime_minutes", "max_playtime_minutes");
        var factor = f.PlaytimeExperience is { } level ? " * " + MultiplierSql(level) : "";
        if (f.PlaytimeMin is { } tmin) sql.AddOn(playtime, a => $"{a}.{minColumn}", "{c}" + factor + " >= ?", tmin);
        if (f.PlaytimeMax is { } tmax) sql.AddOn(playtime, a => $"{a}.{maxColumn}", "{c}" + factor + " <= ?", tmax);
        if (f.CommunityPlaytimeMin is { } cmin) sql.Add($"g.community_playtime_min_minutes{factor} >= ?", cmin);
        if (f.CommunityPlaytimeMax is { } cmax) sql.Add($"g.community_playtime_max_minutes{factor} <= ?", cmax);

        if (f.WeightMin is { } wmin) sql.AddOn(f.WeightOnVariants, a => a + ".weight", "{c} >= ?", wmin);
        if (f.WeightMax is { } wmax) sql.AddOn(f.WeightOnVariants, a => a + ".weight", "{c} <= ?", wmax);
        if (f.MinWeightVotes is { } wvotes) sql.Add("g.weight_votes >= ?", wvotes);
        if (f.RatingMin is { } rmin) sql.Add("g.average_rating >= ?", rmin);
        if (f.RatingMax is { } rmax) sql.Add("g.average_rating <= ?", rmax);
        if (f.MinRatingVotes is { } rvotes) sql.Add("g.rating_count >= ?", rvotes);
        if (f.ConfidenceMin is { } conf) sql.Add("g.rating_confidence >= ?", conf);

        // Likewise the community's suggested age: only the publisher's minimum age has variants.
        var ageOnVariant = f.Effective && f.AgeSource != "community";
        var ageColumn = f.AgeSource == "community" ? "community_suggested_age" : "min_age";
        if (f.AgeMin is { } amin) sql.AddOn(ageOnVariant, a => $"{a}.{ageColumn}", "{c} >= ?", amin);
        if (f.AgeMax is { } amax) sql.AddOn(ageOnVariant, a => $"{a}.{ageColumn}", "{c} <= ?", amax);

        // Terms compare as codes on the facets (migration 0013): one GIN index answers any / all / none.
        if (f.MechanicsAny.Count > 0) sql.Add("g.mechanic_codes && ?::int[]", refs.CodesOf("mechanics"));
        if (f.MechanicsAll.Count > 0) sql.Add("g.mechanic_codes @> ?::int[]", refs.CodesOf("mechanics_all"));
        if (f.MechanicsNot.Count > 0) sql.Add("NOT g.mechanic_codes && ?::int[]", refs.CodesOf("mechanics_not"));
        if (f.ThemesAny.Count > 0) sql.Add("g.theme_codes && ?::int[]", refs.CodesOf("themes"));
        if (f.ThemesNot.Count > 0) sql.Add("NOT g.theme_codes && ?::int[]", refs.CodesOf("theme_not"));
        if (f.CategoriesAny.Count > 0) sql.Add("g.category_codes && ?::int[]", refs.CodesOf("categories"));
        if (f.Category.Count > 0) sql.Add("g.category_codes && ?::int[]", refs.CodesOf("category"));

        if (f.Designers.Count > 0)
        {
            sql.Add("EXISTS (SELECT 1 FROM game_credits c WHERE c.game_id = g.id AND c.role = 'designer' AND c.person_id = ANY(?))", refs.IdsOf("designer"));
        }
        if (f.Publishers.Count > 0) sql.Add("EXISTS (SELECT 1 FROM game_publishers gp WHERE gp.game_id = g.id AND gp.publisher_id = ANY(?))", refs.IdsOf("publisher"));
        if (f.Families.Count > 0) sql.Add("EXISTS (SELECT 1 FROM game_families gf WHERE gf.game_id = g.id AND gf.family_id = ANY(?))", refs.IdsOf("family"));

        if (f.YearMin is { } ymin) sql.Add("g.year_published >= ?", ymin);
        if (f.YearMax is { } ymax) sql.Add("g.year_published <= ?", ymax);
        if (f.LanguageDependence.Count > 0) sql.Add("g.language_dependence = ANY(?)", (object)f.LanguageDependence.ToArray());
        return sql;
    }

    /// <summary>The game's multiplier for an experience level, or the global default without sufficient data.</summary>
    private static string MultiplierSql(string level)
    {
        var (column, fallback) = Multipliers[level];
        return "COALESCE((SELECT CASE WHEN x.sufficient_data THEN x." + column + " END FROM experience_playtime_profiles x " +
               "WHERE x.game_id = g.id), " + fallback.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
