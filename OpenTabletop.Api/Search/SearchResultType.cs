using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Search;

/// <summary>
/// The entity types of the spec's SearchResult.result_type enum. <see cref="Rank"/> breaks score ties
/// (games first) and, being a number, keeps the keyset cursor independent of collation.
/// </summary>
public sealed record SearchResultType(string Name, int Rank)
{
    public static readonly SearchResultType Game = new("game", 5);
    public static readonly SearchResultType Designer = new("designer", 4);
    public static readonly SearchResultType Publisher = new("publisher", 3);
    public static readonly SearchResultType Mechanic = new("mechanic", 2);
    public static readonly SearchResultType Category = new("category", 1);

    public static readonly IReadOnlyList<SearchResultType> All = [Game, Designer, Publisher, Mechanic, Category];

    /// <summary>
    /// The <c>type</c> CSV: omitted or empty means every type (an empty list leaves the dimension
    /// inactive, as everywhere in the API); values are the enum's exact spellings.
    /// </summary>
    public static IReadOnlyList<SearchResultType> Parse(string? csv, List<FieldError> errors)
    {
        var names = (csv ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) return All;

        var unknown = names.Where(n => All.All(t => t.Name != n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new("type", $"type has unknown value(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; "
                + $"each must be one of: {string.Join(", ", All.Select(t => t.Name))}.", "invalid_enum"));
            return All;
        }
        return [.. All.Where(t => names.Contains(t.Name))];
    }
}
