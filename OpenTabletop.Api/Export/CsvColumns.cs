using CsvHelper;
using OpenTabletop.Api.Games;

namespace OpenTabletop.Api.Export;

/// <summary>
/// The CSV export's columns: the Game's own fields under their JSON names, in the order of the JSON,
/// so a row and a JSONL line describe a game the same way. Flattening, for a flat format:
/// arrays of numbers are pipe-delimited (<c>2|3|4</c>, SPEC-DECISIONS "Export"); the one map,
/// <c>rank_by_category</c>, is <c>slug:rank</c> pairs, pipe-delimited in slug order; <c>_links</c> is
/// left out (every link is derived from the slug); in effective mode the variant a game matched
/// through follows as <c>matched_via.*</c> columns (nested names joined with dots, the expansions by
/// slug). A null and an empty array are both an empty field. Numbers are the shortest text that
/// round-trips, as in the JSON; timestamps are ISO 8601 UTC with the JSON's trimmed fraction.
/// </summary>
internal static class CsvColumns
{
    /// <summary>ISO 8601 as System.Text.Json writes a UTC DateTime: no trailing zeros in the fraction, no fraction when it is zero.</summary>
    private const string Timestamp = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public sealed record Column(string Name, Action<CsvWriter, GameResponse> Write);

    private static readonly Column[] Game =
    [
        new("id", (w, g) => w.WriteField(g.Id)),
        new("slug", (w, g) => w.WriteField(g.Slug)),
        new("name", (w, g) => w.WriteField(g.Name)),
        new("sort_name", (w, g) => w.WriteField(g.SortName)),
        new("type", (w, g) => w.WriteField(g.Type)),
        new("parent_game_id", (w, g) => w.WriteField(g.ParentGameId)),
        new("year_published", (w, g) => w.WriteField(g.YearPublished)),
        new("description", (w, g) => w.WriteField(g.Description)),
        new("description_short", (w, g) => w.WriteField(g.DescriptionShort)),
        new("min_players", (w, g) => w.WriteField(g.MinPlayers)),
        new("max_players", (w, g) => w.WriteField(g.MaxPlayers)),
        new("min_playtime_minutes", (w, g) => w.WriteField(g.MinPlaytimeMinutes)),
        new("max_playtime_minutes", (w, g) => w.WriteField(g.MaxPlaytimeMinutes)),
        new("community_playtime_min_minutes", (w, g) => w.WriteField(g.CommunityPlaytimeMinMinutes)),
        new("community_playtime_max_minutes", (w, g) => w.WriteField(g.CommunityPlaytimeMaxMinutes)),
        new("community_playtime_median_minutes", (w, g) => w.WriteField(g.CommunityPlaytimeMedianMinutes)),
        new("min_age", (w, g) => w.WriteField(g.MinAge)),
        new("weight", (w, g) => w.WriteField(g.Weight)),
        new("weight_votes", (w, g) => w.WriteField(g.WeightVotes)),
        new("average_rating", (w, g) => w.WriteField(g.AverageRating)),
        new("rating_distribution", (w, g) => w.WriteField(Pipe(g.RatingDistribution))),
        new("rating_stddev", (w, g) => w.WriteField(g.RatingStddev)),
        new("bayes_rating", (w, g) => w.WriteField(g.BayesRating)),
        new("rating_count", (w, g) => w.WriteField(g.RatingCount)),
        new("rating_confidence", (w, g) => w.WriteField(g.RatingConfidence)),
        new("rank_overall", (w, g) => w.WriteField(g.RankOverall)),
        new("rank_by_category", (w, g) => w.WriteField(Pairs(g.RankByCategory))),
        new("owner_count", (w, g) => w.WriteField(g.OwnerCount)),
        new("wishlist_count", (w, g) => w.WriteField(g.WishlistCount)),
        new("total_plays", (w, g) => w.WriteField(g.TotalPlays)),
        new("community_suggested_age", (w, g) => w.WriteField(g.CommunitySuggestedAge)),
        new("language_dependence", (w, g) => w.WriteField(g.LanguageDependence)),
        new("mode", (w, g) => w.WriteField(g.Mode)),
        new("image_url", (w, g) => w.WriteField(g.ImageUrl)),
        new("thumbnail_url", (w, g) => w.WriteField(g.ThumbnailUrl)),
        new("bgg_id", (w, g) => w.WriteField(g.BggId)),
        new("funding_source", (w, g) => w.WriteField(g.FundingSource)),
        new("canonical_edition_id", (w, g) => w.WriteField(g.CanonicalEditionId)),
        new("status", (w, g) => w.WriteField(g.Status)),
        new("top_player_counts", (w, g) => w.WriteField(Pipe(g.TopPlayerCounts))),
        new("recommended_player_counts", (w, g) => w.WriteField(Pipe(g.RecommendedPlayerCounts))),
        new("created_at", (w, g) => w.WriteField(g.CreatedAt, Timestamp)),
        new("updated_at", (w, g) => w.WriteField(g.UpdatedAt, Timestamp)),
    ];

    private static readonly Column[] MatchedVia =
    [
        new("matched_via.type", (w, g) => w.WriteField(g.MatchedVia?.Type)),
        new("matched_via.combination_id", (w, g) => w.WriteField(g.MatchedVia?.CombinationId)),
        new("matched_via.expansions", (w, g) => w.WriteField(g.MatchedVia is { } m ? string.Join('|', m.Expansions.Select(e => e.Slug)) : null)),
        new("matched_via.effective_properties.min_players", (w, g) => w.WriteField(g.MatchedVia?.EffectiveProperties.MinPlayers)),
        new("matched_via.effective_properties.max_players", (w, g) => w.WriteField(g.MatchedVia?.EffectiveProperties.MaxPlayers)),
        new("matched_via.effective_properties.top_at", (w, g) => w.WriteField(Pipe(g.MatchedVia?.EffectiveProperties.TopAt))),
        new("matched_via.effective_properties.weight", (w, g) => w.WriteField(g.MatchedVia?.EffectiveProperties.Weight)),
        new("matched_via.effective_properties.min_playtime", (w, g) => w.WriteField(g.MatchedVia?.EffectiveProperties.MinPlaytime)),
        new("matched_via.effective_properties.max_playtime", (w, g) => w.WriteField(g.MatchedVia?.EffectiveProperties.MaxPlaytime)),
        new("matched_via.effective_properties.min_age", (w, g) => w.WriteField(g.MatchedVia?.EffectiveProperties.MinAge)),
        new("matched_via.resolution_tier", (w, g) => w.WriteField(g.MatchedVia?.ResolutionTier)),
        new("matched_via.integration", (w, g) => w.WriteField(g.MatchedVia?.Integration)),
    ];

    /// <summary>The columns of an export; <paramref name="effective"/> adds the matched variant's.</summary>
    public static IReadOnlyList<Column> For(bool effective) => effective ? [.. Game, .. MatchedVia] : Game;

    private static string? Pipe(int[]? values) => values is null ? null : string.Join('|', values);

    private static string? Pairs(IReadOnlyDictionary<string, int>? ranks) =>
        ranks is null ? null : string.Join('|', ranks.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}:{r.Value}"));
}
