using System.Globalization;
using System.Text.RegularExpressions;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The value rules every filter obeys, shared by the GET parameters and the POST body so both answer
/// the same problems; only the field names differ (flat "players_min" or dotted "filters.players.min").
/// </summary>
internal static partial class FilterRules
{
    public static readonly string[] GameTypes = ["base_game", "expansion", "standalone_expansion", "promo", "accessory", "fan_expansion"];
    public static readonly string[] Modes = ["cooperative", "competitive", "solo", "team", "mixed"];
    public static readonly string[] PlaytimeSources = ["publisher", "community"];
    public static readonly string[] AgeSources = ["publisher", "community"];
    public static readonly string[] ExperienceLevels = ["first_play", "learning", "experienced", "expert"];
    public static readonly string[] LanguageDependence = ["no_text", "some_text", "moderate_text", "extensive_text", "unplayable_without_text"];

    /// <summary>More values than this in one list is a mistake, not a query.</summary>
    public const int MaxListItems = 50;

    public static int? InRange(string field, int? value, int min, int max, List<FieldError> errors)
    {
        if (value is not { } v) return null;
        if (v >= min && v <= max) return v;
        errors.Add(new(field, Invariant($"{field} must be from {min} to {max}."), "out_of_range"));
        return null;
    }

    public static decimal? InRange(string field, decimal? value, decimal min, decimal max, List<FieldError> errors)
    {
        if (value is not { } v) return null;
        if (v >= min && v <= max) return v;
        errors.Add(new(field, Invariant($"{field} must be from {min} to {max}."), "out_of_range"));
        return null;
    }

    public static void Ordered<T>(string minField, T? min, string maxField, T? max, List<FieldError> errors) where T : struct, IComparable<T>
    {
        if (min is { } low && max is { } high && low.CompareTo(high) > 0)
        {
            errors.Add(new(minField, Invariant($"{minField} must be less than or equal to {maxField} ({high})."), "invalid_range"));
        }
    }

    public static string? OneOf(string field, string? value, string[] allowed, List<FieldError> errors)
    {
        if (value is null) return null;
        if (allowed.Contains(value)) return value;
        errors.Add(new(field, $"{field} must be one of: {string.Join(", ", allowed)}.", "invalid_enum"));
        return null;
    }

    public static IReadOnlyList<string> AllOf(string field, IReadOnlyList<string>? values, string[] allowed, List<FieldError> errors)
    {
        if (values is null || values.Count == 0) return [];
        var unknown = values.Where(v => !allowed.Contains(v)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new(field, $"{field} has unknown value(s) {Quoted(unknown)}; allowed: {string.Join(", ", allowed)}.", "invalid_enum"));
            return [];
        }
        return [.. values.Distinct()];
    }

    /// <summary>Taxonomy slugs: lowercase words joined by single hyphens.</summary>
    public static IReadOnlyList<string> Slugs(string field, IReadOnlyList<string>? values, List<FieldError> errors) =>
        Identifiers(field, values, allowUuids: false, errors);

    /// <summary>Designers, publishers and families may be named by slug or by UUID.</summary>
    public static IReadOnlyList<string> SlugsOrIds(string field, IReadOnlyList<string>? values, List<FieldError> errors) =>
        Identifiers(field, values, allowUuids: true, errors);

    private static IReadOnlyList<string> Identifiers(string field, IReadOnlyList<string>? values, bool allowUuids, List<FieldError> errors)
    {
        if (values is null || values.Count == 0) return [];
        if (values.Count > MaxListItems)
        {
            errors.Add(new(field, Invariant($"{field} takes at most {MaxListItems} values."), "too_many"));
            return [];
        }
        var bad = values.Where(v => !(v.Length <= 200 && SlugPattern().IsMatch(v)) && !(allowUuids && Guid.TryParse(v, out _))).ToList();
        if (bad.Count > 0)
        {
            var what = allowUuids ? "slugs or UUIDs" : "slugs (lowercase letters, digits and single hyphens)";
            errors.Add(new(field, $"{field} must be {what}; got {Quoted(bad)}.", "invalid_format"));
            return [];
        }
        return [.. values.Distinct()];
    }

    public static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
