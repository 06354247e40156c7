using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Statistics;

/// <summary>
/// Parsing of the statistics endpoints' own parameters (the game filters they share with GET /v1/games
/// go through QueryFilters). Every bad value becomes a per-field problem; an absent value is null and
/// takes the documented default, a present but bad one never does.
/// </summary>
internal static class StatisticsRules
{
    public static int? Whole(string field, string? text, int min, int max, List<FieldError> errors)
    {
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(field, $"{field} must be a whole number.", "invalid_type"));
            return null;
        }
        if (value >= min && value <= max) return value;
        errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{field} must be from {min} to {max}."), "out_of_range"));
        return null;
    }

    /// <summary>A calendar date written as RFC 3339's full-date (YYYY-MM-DD).</summary>
    public static DateOnly? Date(string field, string? text, List<FieldError> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(new(field, $"{field} must be a date written YYYY-MM-DD.", "invalid_format"));
        return null;
    }

    public static string? OneOf(string field, string? value, string[] allowed, List<FieldError> errors)
    {
        if (value is null) return null;
        if (allowed.Contains(value, StringComparer.Ordinal)) return value;
        errors.Add(new(field, $"{field} must be one of: {string.Join(", ", allowed)}.", "invalid_enum"));
        return null;
    }

    public static void Ordered<T>(string minField, T? min, string maxField, T? max, List<FieldError> errors) where T : struct, IComparable<T>
    {
        if (min is { } low && max is { } high && low.CompareTo(high) > 0)
        {
            var bound = high is DateOnly date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(high, CultureInfo.InvariantCulture);
            errors.Add(new(minField, $"{minField} must be less than or equal to {maxField} ({bound}).", "invalid_range"));
        }
    }

    /// <summary>The 400 every statistics endpoint answers for bad parameters, all of them listed.</summary>
    public static ProblemHttpResult BadRequest(List<FieldError> errors) =>
        Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);

    /// <summary>The 422 for well-formed names that match nothing.</summary>
    public static ProblemHttpResult Unknown(List<FieldError> errors) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "A parameter names something that does not exist.", errors);
}
