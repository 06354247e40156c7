using System.Text.Json;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>
/// An immutable copy of the active games' facets and effective variants at one
/// <see cref="Generation"/> of game_facets_generation (migration 0014). Games are positions
/// 0…<see cref="Count"/>-1; each filterable value is a column (an array by position) of integers,
/// with <see cref="Null"/> for a missing value and decimals as whole thousandths (their columns
/// have three decimals), so a filter is a tight loop per column. Terms, types, modes and player
/// counts are posting bitsets. Each sort key has its order in both directions exactly as
/// PostgreSQL sorts it (loaded from the database, so collations agree).
/// </summary>
internal sealed class GameIndexSnapshot
{
    /// <summary>A missing value: below every value a filter can name, and excluded by every range.</summary>
    public const int Null = int.MinValue;

    public required long Generation { get; init; }
    public required Guid[] Ids { get; init; }
    public required Dictionary<Guid, int> PositionOf { get; init; }
    public int Count => Ids.Length;

    public required int[] MinPlayers { get; init; }
    public required int[] MaxPlayers { get; init; }
    public required int[] MinPlaytime { get; init; }
    public required int[] MaxPlaytime { get; init; }
    public required int[] CommunityPlaytimeMin { get; init; }
    public required int[] CommunityPlaytimeMax { get; init; }
    public required int[] MinAge { get; init; }
    public required int[] CommunitySuggestedAge { get; init; }
    public required int[] WeightThousandths { get; init; }
    public required int[] WeightVotes { get; init; }
    public required int[] AverageRatingThousandths { get; init; }
    public required int[] RatingCount { get; init; }
    public required int[] RatingConfidenceThousandths { get; init; }
    public required int[] YearPublished { get; init; }

    /// <summary>The games (as bitsets over positions) having each type, mode, language dependence, term code or player count.</summary>
    public required IReadOnlyDictionary<string, ulong[]> ByType { get; init; }
    public required IReadOnlyDictionary<string, ulong[]> ByMode { get; init; }
    public required IReadOnlyDictionary<string, ulong[]> ByLanguageDependence { get; init; }
    public required IReadOnlyDictionary<int, ulong[]> ByMechanic { get; init; }
    public required IReadOnlyDictionary<int, ulong[]> ByTheme { get; init; }
    public required IReadOnlyDictionary<int, ulong[]> ByCategory { get; init; }
    public required IReadOnlyDictionary<int, ulong[]> ByTopPlayerCount { get; init; }
    public required IReadOnlyDictionary<int, ulong[]> ByRecommendedPlayerCount { get; init; }

    /// <summary>
    /// Per taxonomy table (mechanics, themes, categories): each term's code by its slug and by its id
    /// (as text), so the slugs a filter names resolve without a round trip.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> TermCodes { get; init; }

    /// <summary>The active games' names for GET /search (<see cref="OpenTabletop.Api.Search.InMemory.GameNameIndex"/>).</summary>
    public required OpenTabletop.Api.Search.InMemory.GameNameIndex Names { get; init; }

    /// <summary>The values of the sort columns as the database returned them (for cursor checks).</summary>
    public required string?[] SortName { get; init; }
    public required decimal?[] BayesRating { get; init; }
    public required decimal?[] Weight { get; init; }
    public required int?[] CommunityPlaytimeMedian { get; init; }

    /// <summary>The variants of game <c>p</c> are <c>VariantStart[p]..VariantStart[p + 1]</c>, by preference.</summary>
    public required int[] VariantStart { get; init; }
    public required GameIndexVariants Variants { get; init; }

    /// <summary>Per sort key and direction: the positions in the order a forward walk visits them.</summary>
    public required IReadOnlyDictionary<(string Sort, bool Descending), int[]> Orders { get; init; }
    /// <summary>Per sort key and direction: each position's place in <see cref="Orders"/>.</summary>
    public required IReadOnlyDictionary<(string Sort, bool Descending), int[]> Ranks { get; init; }

    /// <summary>
    /// The sort values of game <paramref name="position"/> as the keyset paging serialises them
    /// (the JSON of the values the database returns), to check that a cursor still points at it.
    /// </summary>
    public JsonElement SortValuesOf(int position, SortKey key) =>
        JsonSerializer.SerializeToElement(key.Columns.Select(c => SortValue(position, c.Column)).ToArray());

    private object? SortValue(int position, string column) => column switch
    {
        "sort_name" => SortName[position],
        "bayes_rating" => BayesRating[position],
        "rating_count" => RatingCount[position],
        "weight" => Weight[position],
        "year_published" => YearPublished[position] == Null ? null : YearPublished[position],
        "community_playtime_median_minutes" => CommunityPlaytimeMedian[position],
        _ => throw new InvalidOperationException($"The in-memory index does not hold the sort column {column}."),
    };

    /// <summary>A decimal of at most three places as whole thousandths; <see cref="Null"/> for null.</summary>
    public static int Thousandths(decimal? value)
    {
        if (value is not { } v) return Null;
        var scaled = v * 1000m;
        if (scaled != decimal.Truncate(scaled)) throw new InvalidOperationException($"{v} has more than three decimal places.");
        return (int)scaled;
    }
}

/// <summary>
/// The effective variants (migration 0010's game_variants) of the games in the index, as columns
/// over variant numbers, grouped by game and ordered by preference within a game.
/// </summary>
internal sealed class GameIndexVariants
{
    public required int[] Game { get; init; }
    public required int[] Preference { get; init; }
    /// <summary>The variants that add integrates_with products.</summary>
    public required ulong[] Integration { get; init; }
    public required int[] MinPlayers { get; init; }
    public required int[] MaxPlayers { get; init; }
    public required int[] MinPlaytime { get; init; }
    public required int[] MaxPlaytime { get; init; }
    public required int[] WeightThousandths { get; init; }
    public required int[] MinAge { get; init; }
    public required int[][] TopAt { get; init; }
    public required int[][] RecommendedAt { get; init; }
    public int Count => Game.Length;
}
