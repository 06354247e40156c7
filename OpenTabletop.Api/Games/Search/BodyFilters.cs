using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Search;

/// <summary>
/// The POST body's nested filters → <see cref="GameFilters"/>, with the same rules as the GET
/// parameters and problems named by their dotted path (<c>filters.players.min</c>).
/// </summary>
internal static class BodyFilters
{
    /// <summary>Search answers playable games unless the body names types (the docs' default).</summary>
    public static readonly string[] DefaultTypes = ["base_game", "standalone_expansion"];

    /// <summary>Where each GET parameter lives in the body, for problems raised on <see cref="GameFilters"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Paths = new Dictionary<string, string>
    {
        ["mechanics"] = "filters.mechanics.any",
        ["mechanics_all"] = "filters.mechanics.all",
        ["mechanics_not"] = "filters.mechanics.not",
        ["themes"] = "filters.theme.include",
        ["theme_not"] = "filters.theme.not",
        ["categories"] = "filters.categories",
        ["category"] = "filters.category",
        ["designer"] = "filters.designer",
        ["publisher"] = "filters.publisher",
        ["family"] = "filters.family",
    };

    public static GameFilters Parse(SearchFiltersBody? body, List<FieldError> errors)
    {
        var b = body ?? new SearchFiltersBody();
        var players = b.Players ?? new PlayerFilterBody();
        var playtime = b.Playtime ?? new PlaytimeFilterBody();
        var weight = b.Weight ?? new WeightFilterBody();
        var rating = b.Rating ?? new RatingFilterBody();
        var age = b.Age ?? new AgeFilterBody();
        var mechanics = b.Mechanics ?? new MechanicFilterBody();
        var theme = b.Theme ?? new ThemeFilterBody();
        var year = b.Year ?? new YearFilterBody();

        // The spec: "exact" overrides min and max.
        var exact = Count("filters.players.exact", players.Exact, errors);
        var f = new GameFilters
        {
            Types = b.Type is null ? DefaultTypes : FilterRules.AllOf("filters.type", Strings("filters.type", b.Type, errors), FilterRules.GameTypes, errors),
            Modes = FilterRules.AllOf("filters.mode", Strings("filters.mode", b.Mode, errors), FilterRules.Modes, errors),
            Players = exact,
            PlayersMin = exact is null ? Count("filters.players.min", players.Min, errors) : null,
            PlayersMax = exact is null ? Count("filters.players.max", players.Max, errors) : null,
            BestAt = Count("filters.players.best_at", players.BestAt, errors) ?? Count("filters.players.top_at", players.TopAt, errors),
            RecommendedAt = Count("filters.players.recommended_at", players.RecommendedAt, errors),
            PlaytimeMin = Minutes("filters.playtime.min", playtime.Min, errors),
            PlaytimeMax = Minutes("filters.playtime.max", playtime.Max, errors),
            CommunityPlaytimeMin = Minutes("filters.playtime.community_min", playtime.CommunityMin, errors),
            CommunityPlaytimeMax = Minutes("filters.playtime.community_max", playtime.CommunityMax, errors),
            PlaytimeSource = FilterRules.OneOf("filters.playtime.source", playtime.Source, FilterRules.PlaytimeSources, errors),
            PlaytimeExperience = FilterRules.OneOf("filters.playtime.experience", playtime.Experience, FilterRules.ExperienceLevels, errors),
            WeightMin = FilterRules.InRange("filters.weight.min", weight.Min, 1m, 5m, errors),
            WeightMax = FilterRules.InRange("filters.weight.max", weight.Max, 1m, 5m, errors),
            MinWeightVotes = FilterRules.InRange("filters.weight.min_votes", weight.MinVotes, 0, int.MaxValue, errors),
            RatingMin = FilterRules.InRange("filters.rating.min", rating.Min, 1m, 10m, errors),
            RatingMax = FilterRules.InRange("filters.rating.max", rating.Max, 1m, 10m, errors),
            MinRatingVotes = FilterRules.InRange("filters.rating.min_votes", rating.MinVotes, 0, int.MaxValue, errors),
            ConfidenceMin = FilterRules.InRange("filters.rating.confidence_min", rating.ConfidenceMin, 0m, 1m, errors),
            AgeMin = FilterRules.InRange("filters.age.min", age.Min, 0, 99, errors),
            AgeMax = FilterRules.InRange("filters.age.max", age.Max, 0, 99, errors),
            AgeSource = FilterRules.OneOf("filters.age.source", age.Source, FilterRules.AgeSources, errors),
            MechanicsAny = FilterRules.Slugs("filters.mechanics.any", Strings("filters.mechanics.any", mechanics.Any, errors), errors),
            MechanicsAll = FilterRules.Slugs("filters.mechanics.all", Strings("filters.mechanics.all", mechanics.All, errors), errors),
            MechanicsNot = FilterRules.Slugs("filters.mechanics.not", Strings("filters.mechanics.not", mechanics.Not, errors), errors),
            ThemesAny = FilterRules.Slugs("filters.theme.include", Strings("filters.theme.include", theme.Include, errors), errors),
            ThemesNot = FilterRules.Slugs("filters.theme.not", Strings("filters.theme.not", theme.Not, errors), errors),
            CategoriesAny = FilterRules.Slugs("filters.categories", Strings("filters.categories", b.Categories, errors), errors),
            Category = FilterRules.Slugs("filters.category", Strings("filters.category", b.Category, errors), errors),
            Designers = FilterRules.SlugsOrIds("filters.designer", Strings("filters.designer", b.Designer, errors), errors),
            Publishers = FilterRules.SlugsOrIds("filters.publisher", Strings("filters.publisher", b.Publisher, errors), errors),
            Families = FilterRules.SlugsOrIds("filters.family", Strings("filters.family", b.Family, errors), errors),
            YearMin = FilterRules.InRange("filters.year.min", year.Min, -5000, 9999, errors),
            YearMax = FilterRules.InRange("filters.year.max", year.Max, -5000, 9999, errors),
            LanguageDependence = FilterRules.AllOf("filters.language_dependence",
                Strings("filters.language_dependence", b.LanguageDependence, errors), FilterRules.LanguageDependence, errors),
            Effective = b.Effective ?? false,
            EffectiveWeight = weight.Effective,
            IncludeIntegrations = b.IncludeIntegrations ?? false,
        };
        FilterRules.Ordered("filters.players.min", f.PlayersMin, "filters.players.max", f.PlayersMax, errors);
        FilterRules.Ordered("filters.playtime.min", f.PlaytimeMin, "filters.playtime.max", f.PlaytimeMax, errors);
        FilterRules.Ordered("filters.playtime.community_min", f.CommunityPlaytimeMin, "filters.playtime.community_max", f.CommunityPlaytimeMax, errors);
        FilterRules.Ordered("filters.weight.min", f.WeightMin, "filters.weight.max", f.WeightMax, errors);
        FilterRules.Ordered("filters.rating.min", f.RatingMin, "filters.rating.max", f.RatingMax, errors);
        FilterRules.Ordered("filters.age.min", f.AgeMin, "filters.age.max", f.AgeMax, errors);
        FilterRules.Ordered("filters.year.min", f.YearMin, "filters.year.max", f.YearMax, errors);
        return f;
    }

    /// <summary>True when the body names an edition to resolve instead of the canonical ones (not supported).</summary>
    public static bool NamesEdition(SearchFiltersBody? body) => body?.Edition is not null;

    private static int? Count(string field, int? value, List<FieldError> errors) => FilterRules.InRange(field, value, 1, 1000, errors);

    private static int? Minutes(string field, int? value, List<FieldError> errors) => FilterRules.InRange(field, value, 0, 100_000, errors);

    /// <summary>A list without nulls or blanks (a null item is a client mistake worth naming).</summary>
    private static List<string>? Strings(string field, IReadOnlyList<string?>? values, List<FieldError> errors)
    {
        if (values is null) return null;
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new(field, $"{field} must not contain null or blank items.", "invalid_format"));
            return null;
        }
        return [.. values.Select(v => v!.Trim())];
    }
}
