using System.Globalization;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The human-readable <c>filters_applied</c> of the spec's FilterSummary: one sentence per active
/// dimension, in the spec's own phrasing ("Weight between 2.0 and 4.0", "Includes any of: …").
/// </summary>
internal static class FilterSummaryText
{
    public static Dictionary<string, string> Describe(GameFilters f)
    {
        var applied = new Dictionary<string, string>();
        void Put(string dimension, string? text)
        {
            if (text is not null) applied[dimension] = text;
        }

        Put("type", f.Types.Count > 0 ? "Type: " + string.Join(", ", f.Types) : null);
        Put("mode", f.Modes.Count > 0 ? "Mode: " + string.Join(", ", f.Modes) : null);
        Put("players", Join(
            f.Players is { } n ? $"Supports {n} players" : null,
            Range(f.PlayersMin, f.PlayersMax),
            f.BestAt is { } best ? $"Best at exactly {best} players" : null,
            f.RecommendedAt is { } rec ? $"Recommended at {rec} players" : null));
        var source = f.PlaytimeSource == "community" ? "community" : "publisher";
        var level = f.PlaytimeExperience is { } l ? $", adjusted for {l.Replace('_', ' ')} players" : "";
        Put("playtime", Join(
            f.PlaytimeMin is null && f.PlaytimeMax is null ? null : Between($"Playtime ({source})", f.PlaytimeMin, f.PlaytimeMax, " minutes") + level,
            f.CommunityPlaytimeMin is null && f.CommunityPlaytimeMax is null ? null
                : Between("Community playtime", f.CommunityPlaytimeMin, f.CommunityPlaytimeMax, " minutes") + level));
        Put("weight", Join(
            f.WeightMin is null && f.WeightMax is null ? null : Between("Weight", f.WeightMin, f.WeightMax, ""),
            f.MinWeightVotes is { } wv ? $"at least {wv} weight votes" : null));
        Put("rating", Join(
            f.RatingMin is null && f.RatingMax is null ? null : Between("Average rating", f.RatingMin, f.RatingMax, ""),
            f.MinRatingVotes is { } rv ? $"at least {rv} ratings" : null,
            f.ConfidenceMin is { } c ? $"rating confidence at least {Number(c)}" : null));
        Put("age", f.AgeMin is null && f.AgeMax is null ? null
            : Between(f.AgeSource == "community" ? "Community suggested age" : "Minimum age", f.AgeMin, f.AgeMax, ""));
        Put("mechanics", Join(
            f.MechanicsAny.Count > 0 ? "Includes any of: " + string.Join(", ", f.MechanicsAny) : null,
            f.MechanicsAll.Count > 0 ? "Must have all: " + string.Join(", ", f.MechanicsAll) : null,
            f.MechanicsNot.Count > 0 ? "must not have: " + string.Join(", ", f.MechanicsNot) : null));
        Put("themes", Join(
            f.ThemesAny.Count > 0 ? "Includes any of: " + string.Join(", ", f.ThemesAny) : null,
            f.ThemesNot.Count > 0 ? "must not have: " + string.Join(", ", f.ThemesNot) : null));
        Put("categories", Join(
            f.CategoriesAny.Count > 0 ? "Includes any of: " + string.Join(", ", f.CategoriesAny) : null,
            f.Category.Count > 0 ? "In category: " + f.Category[0] : null));
        Put("designer", f.Designers.Count > 0 ? "Designed by: " + string.Join(", ", f.Designers) : null);
        Put("publisher", f.Publishers.Count > 0 ? "Published by: " + string.Join(", ", f.Publishers) : null);
        Put("family", f.Families.Count > 0 ? "In family: " + string.Join(", ", f.Families) : null);
        Put("year", f.YearMin is { } y1 && f.YearMax is { } y2 ? $"Published between {y1} and {y2}"
            : f.YearMin is { } from ? $"Published {from} or later"
            : f.YearMax is { } to ? $"Published {to} or earlier" : null);
        Put("language_dependence", f.LanguageDependence.Count > 0 ? "Language dependence: " + string.Join(", ", f.LanguageDependence) : null);
        var integrations = f.IncludeIntegrations ? " (integrations included)" : "";
        Put("effective", f.Effective ? "Players, playtime, weight and age matched by the game alone or with its expansions" + integrations
            : f.EffectiveWeight == true ? "Weight matched by the game alone or with its expansions" + integrations : null);
        return applied;
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => p is not null).ToList();
        return present.Count == 0 ? null : string.Join("; ", present);
    }

    private static string Between<T>(string what, T? min, T? max, string unit) where T : struct, IFormattable =>
        (min, max) switch
        {
            ({ } a, { } b) => $"{what} between {Number(a)} and {Number(b)}{unit}",
            ({ } a, null) => $"{what} at least {Number(a)}{unit}",
            (null, { } b) => $"{what} at most {Number(b)}{unit}",
            _ => what,
        };

    private static string? Range(int? min, int? max) => (min, max) switch
    {
        ({ } a, { } b) => $"Supports {a} to {b} players",
        ({ } a, null) => $"Supports {a} players or fewer",
        (null, { } b) => $"Supports {b} players or more",
        _ => null,
    };

    private static string Number<T>(T value) where T : IFormattable => value switch
    {
        decimal d => d.ToString(d == decimal.Truncate(d) ? "0.0" : "0.##", CultureInfo.InvariantCulture),
        _ => value.ToString(null, CultureInfo.InvariantCulture),
    };
}
