using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The public sort keys of game lists and what each orders by (SPEC-DECISIONS "sort=rating": bayes
/// rating with nulls last, then rating count; the id always breaks the remaining ties).
/// </summary>
internal static class GameSorts
{
    public const string Default = "name";

    /// <summary>Every column a sort key may use; the page query selects exactly these.</summary>
    public const string Columns =
        "g.id, g.sort_name, g.bayes_rating, g.rating_count, g.weight, g.year_published, g.community_playtime_median_minutes";

    public static readonly IReadOnlyDictionary<string, SortKey> Keys = new Dictionary<string, SortKey>
    {
        ["name"] = "sort_name",
        ["rating"] = new SortKey([new SortColumn("bayes_rating", Nullable: true), new SortColumn("rating_count")]),
        ["weight"] = new SortKey("weight", nullable: true),
        ["year_published"] = new SortKey("year_published", nullable: true),
        ["community_playtime_median"] = new SortKey("community_playtime_median_minutes", nullable: true),
    };
}
