namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// What the named things among a request's filters resolved to, by filter field (<c>mechanics</c>,
/// <c>theme_not</c>, <c>designer</c>…): taxonomy terms to their integer codes (what the
/// <c>*_codes</c> arrays of <c>game_facets</c> hold), people, publishers and families to their ids. Resolved once, in the
/// round trip that also finds the unknown ones, so the filter SQL compares plain values the planner
/// can estimate instead of joining through slugs.
/// </summary>
internal sealed record FilterReferences(IReadOnlyDictionary<string, int[]> Codes, IReadOnlyDictionary<string, Guid[]> Ids)
{
    public static readonly FilterReferences None = new(new Dictionary<string, int[]>(), new Dictionary<string, Guid[]>());

    public int[] CodesOf(string field) => Codes.TryGetValue(field, out var codes)
        ? codes
        : throw new InvalidOperationException($"The filter '{field}' was not resolved; resolve the filters' references first.");

    public Guid[] IdsOf(string field) => Ids.TryGetValue(field, out var ids)
        ? ids
        : throw new InvalidOperationException($"The filter '{field}' was not resolved; resolve the filters' references first.");
}
