using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The validated simple filters of a game list (SPEC-DECISIONS "players_min / players_max",
/// "Validation codes"). Absent dimensions are null and match everything.
/// </summary>
public sealed partial record GameFilters
{
    public static readonly string[] GameTypes = ["base_game", "expansion", "standalone_expansion", "promo", "accessory", "fan_expansion"];
    public static readonly string[] Modes = ["cooperative", "competitive", "solo", "team", "mixed"];

    public IReadOnlyList<string>? Types { get; init; }
    public string? Mode { get; init; }
    public int? Players { get; init; }
    public int? PlayersMin { get; init; }
    public int? PlayersMax { get; init; }
    public decimal? WeightMin { get; init; }
    public decimal? WeightMax { get; init; }
    public int? YearMin { get; init; }
    public int? YearMax { get; init; }
    public string? Designer { get; init; }
    public string? Publisher { get; init; }
    public string? Category { get; init; }
    public string? Family { get; init; }

    public static GameFilters Parse(GameListParameters query, List<FieldError> errors)
    {
        var filters = new GameFilters
        {
            Types = ParseTypes(query.Type, errors),
            Mode = ParseEnum("mode", query.Mode, Modes, errors),
            Players = ParseCount("players", query.Players, errors),
            PlayersMin = ParseCount("players_min", query.PlayersMin, errors),
            PlayersMax = ParseCount("players_max", query.PlayersMax, errors),
            WeightMin = ParseWeight("weight_min", query.WeightMin, errors),
            WeightMax = ParseWeight("weight_max", query.WeightMax, errors),
            YearMin = ParseYear("year_min", query.YearMin, errors),
            YearMax = ParseYear("year_max", query.YearMax, errors),
            Designer = ParseSlug("designer", query.Designer, errors),
            Publisher = ParseSlug("publisher", query.Publisher, errors),
            Category = ParseSlug("category", query.Category, errors),
            Family = ParseSlug("family", query.Family, errors),
        };
        RequireOrdered("players_min", filters.PlayersMin, "players_max", filters.PlayersMax, errors);
        RequireOrdered("weight_min", filters.WeightMin, "weight_max", filters.WeightMax, errors);
        RequireOrdered("year_min", filters.YearMin, "year_max", filters.YearMax, errors);
        return filters;
    }

    /// <summary>
    /// A stable digest of the filter values that binds a cursor to its query: equal filter sets,
    /// however written (order of parameters, "2.50" vs "2.5"), give the same fingerprint.
    /// </summary>
    public string Fingerprint(string scope)
    {
        var canonical = new StringBuilder(scope);
        void Add(string name, object? value)
        {
            if (value is null) return;
            var text = value switch
            {
                IEnumerable<string> list => string.Join(",", list.Order(StringComparer.Ordinal)),
                decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            canonical.Append('|').Append(name).Append('=').Append(text);
        }
        Add("type", Types);
        Add("mode", Mode);
        Add("players", Players);
        Add("players_min", PlayersMin);
        Add("players_max", PlayersMax);
        Add("weight_min", WeightMin);
        Add("weight_max", WeightMax);
        Add("year_min", YearMin);
        Add("year_max", YearMax);
        Add("designer", Designer);
        Add("publisher", Publisher);
        Add("category", Category);
        Add("family", Family);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(hash, 0, 12);
    }

    private static IReadOnlyList<string>? ParseTypes(string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = values.Where(v => !GameTypes.Contains(v)).ToList();
        if (values.Length == 0 || unknown.Count > 0)
        {
            errors.Add(new("type", $"type must be one or more of: {string.Join(", ", GameTypes)}.", "invalid_enum"));
            return null;
        }
        return [.. values.Distinct()];
    }

    private static string? ParseEnum(string field, string? text, string[] allowed, List<FieldError> errors)
    {
        if (text is null) return null;
        if (allowed.Contains(text)) return text;
        errors.Add(new(field, $"{field} must be one of: {string.Join(", ", allowed)}.", "invalid_enum"));
        return null;
    }

    private static int? ParseCount(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(field, $"{field} must be a whole number.", "invalid_type"));
            return null;
        }
        if (value < 1)
        {
            errors.Add(new(field, $"{field} must be at least 1.", "out_of_range"));
            return null;
        }
        return value;
    }

    private static decimal? ParseWeight(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(field, $"{field} must be a number.", "invalid_type"));
            return null;
        }
        if (value is < 1m or > 5m)
        {
            errors.Add(new(field, $"{field} must be from 1.0 to 5.0.", "out_of_range"));
            return null;
        }
        return value;
    }

    private static int? ParseYear(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(field, $"{field} must be a whole number (a year).", "invalid_type"));
            return null;
        }
        if (value is < -5000 or > 9999)
        {
            errors.Add(new(field, $"{field} must be a year from -5000 to 9999.", "out_of_range"));
            return null;
        }
        return value;
    }

    private static string? ParseSlug(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (text.Length <= 200 && SlugPattern().IsMatch(text)) return text;
        errors.Add(new(field, $"{field} must be a slug (lowercase letters, digits and single hyphens).", "invalid_format"));
        return null;
    }

    private static void RequireOrdered<T>(string minField, T? min, string maxField, T? max, List<FieldError> errors)
        where T : struct, IComparable<T>
    {
        if (min is { } low && max is { } high && low.CompareTo(high) > 0)
        {
            errors.Add(new(minField, string.Create(CultureInfo.InvariantCulture, $"{minField} must be less than or equal to {maxField} ({high})."), "invalid_range"));
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
