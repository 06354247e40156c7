using System.Globalization;

namespace OpenTabletop.Tests.Api.Filtering;

/// <summary>
/// A random combination of GET /v1/games filters, with its own evaluation of which games match,
/// written from the rulings (README "Filters") independently of the API's SQL. In effective mode
/// the players, publisher playtime, weight and publisher age predicates must all hold on one
/// variant of the game (README "Effective mode").
/// </summary>
public sealed class FilterCase
{
    private static readonly string[] Types = ["base_game", "expansion", "standalone_expansion", "promo", "accessory", "fan_expansion"];
    private static readonly string[] Modes = ["cooperative", "competitive", "solo", "team", "mixed"];
    private static readonly string[] Levels = ["first_play", "learning", "experienced", "expert"];
    private static readonly string[] Languages = ["no_text", "some_text", "moderate_text", "extensive_text", "unplayable_without_text"];
    private static readonly Dictionary<string, decimal> DefaultMultipliers = new()
    {
        ["first_play"] = 1.50m, ["learning"] = 1.25m, ["experienced"] = 1.00m, ["expert"] = 0.85m,
    };

    private readonly List<(string Name, string Value)> _query = [];
    private readonly List<Func<ModelGame, bool>> _predicates = [];
    private readonly List<Func<ModelGame, PlayValues, bool>> _playPredicates = [];
    private bool _effective, _weightOnVariants, _integrations;

    public string Query => string.Join("&", _query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value)));

    public bool Effective => _effective;

    public bool Matches(ModelGame game) => game.Status == "active" && _predicates.All(p => p(game)) && PlayMatches(game);

    private bool PlayMatches(ModelGame game) => _effective
        ? game.Variants.Any(v => (_integrations || !v.Integration) && _playPredicates.All(p => p(game, v.Values)))
        : _playPredicates.All(p => p(game, game.Play));

    public static FilterCase Create(int seed, IReadOnlyList<ModelGame> catalogue)
    {
        var random = new Random(seed);
        var c = new FilterCase();
        bool Maybe(double p = 0.25) => random.NextDouble() < p;
        string[] Some(IReadOnlyList<string> pool, int max) =>
            [.. Enumerable.Range(0, random.Next(1, max + 1)).Select(_ => pool[random.Next(pool.Count)]).Distinct()];
        string[] Pool(Func<ModelGame, IEnumerable<string>> of) => [.. catalogue.SelectMany(of).Distinct().Order(StringComparer.Ordinal)];

        if (Maybe(0.3))
        {
            c._effective = true;
            c._query.Add(("effective", "true"));
            if (Maybe(0.5)) { c._integrations = true; c._query.Add(("include_integrations", "true")); }
        }
        c._weightOnVariants = c._effective;
        if (c._effective && Maybe(0.2)) { c._weightOnVariants = false; c._query.Add(("effective_weight", "false")); }
        if (Maybe()) { var t = Some(Types, 3); c.Add("type", t, g => t.Contains(g.Type)); }
        // Effective mode lists base games unless a type is asked for.
        else if (c._effective) c._predicates.Add(g => g.Type is "base_game" or "standalone_expansion");
        if (Maybe(0.15)) { var m = Some(Modes, 2); c.Add("mode", m, g => g.Mode is { } mode && m.Contains(mode)); }
        if (Maybe()) { var n = random.Next(1, 9); c.AddPlay("players", n, (_, v) => v.MinPlayers <= n && v.MaxPlayers >= n); }
        var (pmin, pmax) = Pair(random, 1, 8);
        if (Maybe(0.15)) c.AddPlay("players_min", pmin, (_, v) => v.MinPlayers <= pmin);
        if (Maybe(0.15)) c.AddPlay("players_max", pmax, (_, v) => v.MaxPlayers >= pmax);
        if (Maybe(0.15)) { var n = random.Next(1, 7); c.AddPlay("best_at", n, (_, v) => v.TopCounts?.Contains(n) == true); }
        if (Maybe(0.15)) { var n = random.Next(1, 7); c.AddPlay("recommended_at", n, (_, v) => v.RecommendedCounts?.Contains(n) == true); }

        var community = Maybe(0.3);
        var level = Maybe(0.3) ? Levels[random.Next(Levels.Length)] : null;
        if (community) c._query.Add(("playtime_source", "community"));
        if (level is not null) c._query.Add(("playtime_experience", level));
        decimal? Scaled(ModelGame g, int? minutes) =>
            minutes is null ? null : minutes * (level is null ? 1m : g.SufficientExperience && g.Multipliers[level] is { } own ? own : DefaultMultipliers[level]);
        var (tmin, tmax) = Pair(random, 10, 240);
        // Variants carry publisher playtimes; community playtime is the game's own in every mode.
        if (Maybe()) c.AddPlay("playtime_min", tmin, (g, v) => Scaled(g, community ? g.CommunityMin : v.MinPlaytime) >= tmin);
        if (Maybe()) c.AddPlay("playtime_max", tmax, (g, v) => Scaled(g, community ? g.CommunityMax : v.MaxPlaytime) <= tmax);
        if (Maybe(0.1)) { var v = random.Next(10, 300); c.Add("community_playtime_max", v, g => Scaled(g, g.CommunityMax) <= v); }

        var (wmin, wmax) = Pair(random, 10, 50);
        if (Maybe()) c.AddWeight("weight_min", wmin / 10m, w => w >= wmin / 10m);
        if (Maybe()) c.AddWeight("weight_max", wmax / 10m, w => w <= wmax / 10m);
        if (Maybe(0.1)) { var v = random.Next(0, 200); c.Add("min_weight_votes", v, g => g.WeightVotes >= v); }
        if (Maybe(0.15)) { var v = random.Next(40, 90) / 10m; c.Add("rating_min", v, g => g.AverageRating >= v); }
        if (Maybe(0.1)) { var v = random.Next(0, 500); c.Add("min_rating_votes", v, g => g.RatingCount >= v); }
        if (Maybe(0.1)) { var v = random.Next(0, 100) / 100m; c.Add("confidence_min", v, g => g.Confidence >= v); }
        if (Maybe(0.15))
        {
            var v = random.Next(6, 18);
            var communityAge = Maybe(0.5);
            if (communityAge) c._query.Add(("age_source", "community"));
            c.AddPlay("age_max", v, (g, p) => (communityAge ? g.CommunityAge : p.MinAge) <= v);
        }

        var mechanics = Pool(g => g.Mechanics);
        var themes = Pool(g => g.Themes);
        var categories = Pool(g => g.Categories);
        if (Maybe() && mechanics.Length > 0) { var m = Some(mechanics, 3); c.Add("mechanics", m, g => m.Any(g.Mechanics.Contains)); }
        if (Maybe(0.15) && mechanics.Length > 0) { var m = Some(mechanics, 2); c.Add("mechanics_all", m, g => m.All(g.Mechanics.Contains)); }
        if (Maybe(0.2) && mechanics.Length > 0) { var m = Some(mechanics, 3); c.Add("mechanics_not", m, g => !m.Any(g.Mechanics.Contains)); }
        if (Maybe(0.15) && themes.Length > 0) { var t = Some(themes, 2); c.Add("themes", t, g => t.Any(g.Themes.Contains)); }
        if (Maybe(0.2) && themes.Length > 0) { var t = Some(themes, 2); c.Add("theme_not", t, g => !t.Any(g.Themes.Contains)); }
        if (Maybe(0.15) && categories.Length > 0) { var t = Some(categories, 2); c.Add("categories", t, g => t.Any(g.Categories.Contains)); }
        if (Maybe(0.1))
        {
            var d = Pool(g => g.Designers);
            if (d.Length > 0) { var v = Some(d, 2); c.Add("designer", v, g => v.Any(g.Designers.Contains)); }
        }
        if (Maybe(0.1))
        {
            var p = Pool(g => g.Publishers);
            if (p.Length > 0) { var v = Some(p, 2); c.Add("publisher", v, g => v.Any(g.Publishers.Contains)); }
        }
        var (ymin, ymax) = Pair(random, 1990, 2026);
        if (Maybe()) c.Add("year_min", ymin, g => g.Year >= ymin);
        if (Maybe(0.15)) c.Add("year_max", ymax, g => g.Year <= ymax);
        if (Maybe(0.1)) { var l = Some(Languages, 2); c.Add("language_dependence", l, g => g.LanguageDependence is { } x && l.Contains(x)); }
        return c;
    }

    private void AddPlay(string name, object value, Func<ModelGame, PlayValues, bool> predicate)
    {
        Add(name, value, null);
        _playPredicates.Add(predicate);
    }

    /// <summary>Weight follows effective mode unless effective_weight=false keeps it on the game.</summary>
    private void AddWeight(string name, decimal value, Func<decimal?, bool> predicate)
    {
        if (_weightOnVariants) AddPlay(name, value, (_, v) => predicate(v.Weight));
        else Add(name, value, g => predicate(g.Weight));
    }

    private void Add(string name, object value, Func<ModelGame, bool>? predicate)
    {
        var text = value switch
        {
            string[] list => string.Join(",", list),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()!,
        };
        _query.Add((name, text));
        if (predicate is not null) _predicates.Add(predicate);
    }

    private static (int Low, int High) Pair(Random random, int min, int max)
    {
        int a = random.Next(min, max + 1), b = random.Next(min, max + 1);
        return (Math.Min(a, b), Math.Max(a, b));
    }
}
