using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The validated filters of a game list or search, however they arrived (GET parameters or the POST
/// body). Absent dimensions are null (or empty lists) and match everything (SPEC-DECISIONS
/// "Validation codes": empty arrays mean the dimension is inactive).
/// </summary>
public sealed record GameFilters
{
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Modes { get; init; } = [];
    public int? Players { get; init; }
    public int? PlayersMin { get; init; }
    public int? PlayersMax { get; init; }
    public int? BestAt { get; init; }
    public int? RecommendedAt { get; init; }
    public int? PlaytimeMin { get; init; }
    public int? PlaytimeMax { get; init; }
    public int? CommunityPlaytimeMin { get; init; }
    public int? CommunityPlaytimeMax { get; init; }
    /// <summary>publisher (default) or community: the columns playtime_min/max compare.</summary>
    public string? PlaytimeSource { get; init; }
    public string? PlaytimeExperience { get; init; }
    public decimal? WeightMin { get; init; }
    public decimal? WeightMax { get; init; }
    public int? MinWeightVotes { get; init; }
    public decimal? RatingMin { get; init; }
    public decimal? RatingMax { get; init; }
    public int? MinRatingVotes { get; init; }
    public decimal? ConfidenceMin { get; init; }
    public int? AgeMin { get; init; }
    public int? AgeMax { get; init; }
    /// <summary>publisher (default, min_age) or community (community_suggested_age).</summary>
    public string? AgeSource { get; init; }
    public IReadOnlyList<string> MechanicsAny { get; init; } = [];
    public IReadOnlyList<string> MechanicsAll { get; init; } = [];
    public IReadOnlyList<string> MechanicsNot { get; init; } = [];
    public IReadOnlyList<string> ThemesAny { get; init; } = [];
    public IReadOnlyList<string> ThemesNot { get; init; } = [];
    public IReadOnlyList<string> CategoriesAny { get; init; } = [];
    /// <summary>The spec's single-slug <c>category</c>; ANDed with <see cref="CategoriesAny"/> when both are given.</summary>
    public IReadOnlyList<string> Category { get; init; } = [];
    public IReadOnlyList<string> Designers { get; init; } = [];
    public IReadOnlyList<string> Publishers { get; init; } = [];
    public IReadOnlyList<string> Families { get; init; } = [];
    public int? YearMin { get; init; }
    public int? YearMax { get; init; }
    public IReadOnlyList<string> LanguageDependence { get; init; } = [];

    /// <summary>
    /// effective=true: players, publisher playtime, weight and publisher age compare against the
    /// game's effective variants (SPEC-DECISIONS "Effective mode"); everything else stays on the base game.
    /// </summary>
    public bool Effective { get; init; }
    /// <summary>effective_weight: weight on the variants (true) or the base game (false); absent follows <see cref="Effective"/>.</summary>
    public bool? EffectiveWeight { get; init; }
    /// <summary>include_integrations: variants may add integrates_with products, not only expansions.</summary>
    public bool IncludeIntegrations { get; init; }

    /// <summary>True when some filter compares against variants, so every result reports the variant that matched.</summary>
    public bool UsesVariants => Effective || EffectiveWeight == true;
    public bool WeightOnVariants => EffectiveWeight ?? Effective;

    /// <summary>
    /// A stable digest of the filter values that binds a cursor to its query: equal filter sets,
    /// however written (order of parameters or list items, "2.50" vs "2.5"), give the same fingerprint.
    /// </summary>
    public string Fingerprint(string scope)
    {
        var canonical = new StringBuilder(scope);
        foreach (var (name, value) in Dimensions())
        {
            var text = value switch
            {
                IEnumerable<string> list => string.Join(",", list.Distinct().Order(StringComparer.Ordinal)),
                decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            canonical.Append('|').Append(name).Append('=').Append(text);
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(hash, 0, 12);
    }

    /// <summary>Every active dimension by its GET parameter name.</summary>
    public IEnumerable<(string Name, object Value)> Dimensions()
    {
        var all = new (string, object?)[]
        {
            ("type", Types), ("mode", Modes), ("players", Players), ("players_min", PlayersMin), ("players_max", PlayersMax),
            ("best_at", BestAt), ("recommended_at", RecommendedAt), ("playtime_min", PlaytimeMin), ("playtime_max", PlaytimeMax),
            ("community_playtime_min", CommunityPlaytimeMin), ("community_playtime_max", CommunityPlaytimeMax),
            ("playtime_source", PlaytimeSource), ("playtime_experience", PlaytimeExperience),
            ("weight_min", WeightMin), ("weight_max", WeightMax), ("min_weight_votes", MinWeightVotes),
            ("rating_min", RatingMin), ("rating_max", RatingMax), ("min_rating_votes", MinRatingVotes), ("confidence_min", ConfidenceMin),
            ("age_min", AgeMin), ("age_max", AgeMax), ("age_source", AgeSource),
            ("mechanics", MechanicsAny), ("mechanics_all", MechanicsAll), ("mechanics_not", MechanicsNot),
            ("themes", ThemesAny), ("theme_not", ThemesNot), ("categories", CategoriesAny), ("category", Category),
            ("designer", Designers), ("publisher", Publishers), ("family", Families),
            ("year_min", YearMin), ("year_max", YearMax), ("language_dependence", LanguageDependence),
            ("effective", Effective ? true : null), ("effective_weight", EffectiveWeight),
            ("include_integrations", IncludeIntegrations ? true : null),
        };
        foreach (var (name, value) in all)
        {
            if (value is null || value is IReadOnlyCollection<string> { Count: 0 }) continue;
            yield return (name, value);
        }
    }
}
