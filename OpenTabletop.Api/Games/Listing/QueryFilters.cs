using System.Globalization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>GET /v1/games parameters → <see cref="GameFilters"/>, every bad value collected as a per-field problem.</summary>
internal static class QueryFilters
{
    public static GameFilters Parse(GameListParameters q, List<FieldError> errors)
    {
        var f = new GameFilters
        {
            Types = FilterRules.AllOf("type", List(q.Type), FilterRules.GameTypes, errors),
            Modes = FilterRules.AllOf("mode", List(q.Mode), FilterRules.Modes, errors),
            Players = Count("players", q.Players, errors),
            PlayersMin = Count("players_min", q.PlayersMin, errors),
            PlayersMax = Count("players_max", q.PlayersMax, errors),
            BestAt = Count("best_at", q.BestAt, errors) ?? Count("top_at", q.TopAt, errors),
            RecommendedAt = Count("recommended_at", q.RecommendedAt, errors),
            PlaytimeMin = Minutes("playtime_min", q.PlaytimeMin, errors),
            PlaytimeMax = Minutes("playtime_max", q.PlaytimeMax, errors),
            CommunityPlaytimeMin = Minutes("community_playtime_min", q.CommunityPlaytimeMin, errors),
            CommunityPlaytimeMax = Minutes("community_playtime_max", q.CommunityPlaytimeMax, errors),
            PlaytimeSource = FilterRules.OneOf("playtime_source", q.PlaytimeSource, FilterRules.PlaytimeSources, errors),
            PlaytimeExperience = FilterRules.OneOf("playtime_experience", q.PlaytimeExperience, FilterRules.ExperienceLevels, errors),
            WeightMin = FilterRules.InRange("weight_min", Number("weight_min", q.WeightMin, errors), 1m, 5m, errors),
            WeightMax = FilterRules.InRange("weight_max", Number("weight_max", q.WeightMax, errors), 1m, 5m, errors),
            MinWeightVotes = FilterRules.InRange("min_weight_votes", Whole("min_weight_votes", q.MinWeightVotes, errors), 0, int.MaxValue, errors),
            RatingMin = FilterRules.InRange("rating_min", Number("rating_min", q.RatingMin, errors), 1m, 10m, errors),
            RatingMax = FilterRules.InRange("rating_max", Number("rating_max", q.RatingMax, errors), 1m, 10m, errors),
            MinRatingVotes = FilterRules.InRange("min_rating_votes", Whole("min_rating_votes", q.MinRatingVotes, errors), 0, int.MaxValue, errors),
            ConfidenceMin = FilterRules.InRange("confidence_min", Number("confidence_min", q.ConfidenceMin, errors), 0m, 1m, errors),
            AgeMin = FilterRules.InRange("age_min", Whole("age_min", q.AgeMin, errors), 0, 99, errors),
            AgeMax = FilterRules.InRange("age_max", Whole("age_max", q.AgeMax, errors), 0, 99, errors),
            AgeSource = FilterRules.OneOf("age_source", q.AgeSource, FilterRules.AgeSources, errors),
            MechanicsAny = FilterRules.Slugs("mechanics", List(q.Mechanics), errors),
            MechanicsAll = FilterRules.Slugs("mechanics_all", List(q.MechanicsAll), errors),
            MechanicsNot = FilterRules.Slugs("mechanics_not", List(q.MechanicsNot), errors),
            ThemesAny = FilterRules.Slugs("themes", List(q.Themes), errors),
            ThemesNot = FilterRules.Slugs("theme_not", List(q.ThemeNot), errors),
            CategoriesAny = FilterRules.Slugs("categories", List(q.Categories), errors),
            Category = FilterRules.Slugs("category", One("category", q.Category, errors), errors),
            Designers = FilterRules.SlugsOrIds("designer", List(q.Designer), errors),
            Publishers = FilterRules.SlugsOrIds("publisher", List(q.Publisher), errors),
            Families = FilterRules.SlugsOrIds("family", List(q.Family), errors),
            YearMin = FilterRules.InRange("year_min", Whole("year_min", q.YearMin, errors), -5000, 9999, errors),
            YearMax = FilterRules.InRange("year_max", Whole("year_max", q.YearMax, errors), -5000, 9999, errors),
            LanguageDependence = FilterRules.AllOf("language_dependence", List(q.LanguageDependence), FilterRules.LanguageDependence, errors),
            Effective = Flag("effective", q.Effective, errors) ?? false,
            EffectiveWeight = Flag("effective_weight", q.EffectiveWeight, errors),
            IncludeIntegrations = Flag("include_integrations", q.IncludeIntegrations, errors) ?? false,
        };
        // SPEC-DECISIONS "Effective mode": results are base games (expansions are what the variants add).
        if (f.Effective && q.Type is null) f = f with { Types = ["base_game", "standalone_expansion"] };
        FilterRules.Ordered("players_min", f.PlayersMin, "players_max", f.PlayersMax, errors);
        FilterRules.Ordered("playtime_min", f.PlaytimeMin, "playtime_max", f.PlaytimeMax, errors);
        FilterRules.Ordered("community_playtime_min", f.CommunityPlaytimeMin, "community_playtime_max", f.CommunityPlaytimeMax, errors);
        FilterRules.Ordered("weight_min", f.WeightMin, "weight_max", f.WeightMax, errors);
        FilterRules.Ordered("rating_min", f.RatingMin, "rating_max", f.RatingMax, errors);
        FilterRules.Ordered("age_min", f.AgeMin, "age_max", f.AgeMax, errors);
        FilterRules.Ordered("year_min", f.YearMin, "year_max", f.YearMax, errors);
        return f;
    }

    /// <summary>A comma-separated list; null when the parameter is absent, empty when it is blank.</summary>
    private static List<string>? List(string? text) =>
        text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>A parameter the spec defines as a single value.</summary>
    private static List<string>? One(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (!text.Contains(',')) return [text.Trim()];
        errors.Add(new(field, $"{field} takes one value; use the list parameter for several.", "invalid_format"));
        return null;
    }

    /// <summary>A boolean written as true or false, nothing else (no 1/0/yes, no silent default).</summary>
    private static bool? Flag(string field, string? text, List<FieldError> errors)
    {
        switch (text)
        {
            case null: return null;
            case "true": return true;
            case "false": return false;
            default:
                errors.Add(new(field, $"{field} must be true or false.", "invalid_type"));
                return null;
        }
    }

    private static int? Count(string field, string? text, List<FieldError> errors) =>
        FilterRules.InRange(field, Whole(field, text, errors), 1, 1000, errors);

    private static int? Minutes(string field, string? text, List<FieldError> errors) =>
        FilterRules.InRange(field, Whole(field, text, errors), 0, 100_000, errors);

    private static int? Whole(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(new(field, $"{field} must be a whole number.", "invalid_type"));
        return null;
    }

    private static decimal? Number(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(new(field, $"{field} must be a number.", "invalid_type"));
        return null;
    }
}
