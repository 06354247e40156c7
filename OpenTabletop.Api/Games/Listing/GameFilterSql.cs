namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// Turns validated filters into a WHERE clause over <c>games g</c>. Values are positional
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

    public static GameFilterSql For(GameFilters f)
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
