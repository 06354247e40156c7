using System.Text.Json;
using Npgsql;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>
/// Reads Game responses from raw SQL rows (a page of games, a game's expansions) without EF, so they
/// can share a batch with other statements. Columns are read by name, so a row may carry extra columns.
/// </summary>
internal static class GameRows
{
    private static readonly string[] Names =
    [
        "id", "slug", "name", "sort_name", "type", "parent_game_id", "year_published", "description", "description_short",
        "min_players", "max_players", "min_playtime_minutes", "max_playtime_minutes",
        "community_playtime_min_minutes", "community_playtime_max_minutes", "community_playtime_median_minutes",
        "min_age", "community_suggested_age", "weight", "weight_votes", "average_rating", "bayes_rating", "rating_count",
        "rating_stddev", "rating_distribution", "rating_confidence", "rank_overall", "rank_by_category", "owner_count",
        "wishlist_count", "total_plays", "language_dependence", "mode", "image_url", "thumbnail_url", "bgg_id",
        "funding_source", "canonical_edition_id", "status", "top_player_counts", "recommended_player_counts",
        "created_at", "updated_at",
    ];

    /// <summary>The select list of every column <see cref="Read"/> needs, qualified by <paramref name="alias"/>.</summary>
    public static string Columns(string alias) => Columns(_ => alias);

    /// <summary>The select list of every column <see cref="Read"/> needs, each qualified by the alias <paramref name="aliasOf"/> gives its name.</summary>
    public static string Columns(Func<string, string> aliasOf) => string.Join(", ", Names.Select(n => $"{aliasOf(n)}.{n}"));

    /// <summary>Every column but <c>id</c>, for a row that already carries the game's id under that name.</summary>
    public static string ColumnsBesidesId(string alias) => string.Join(", ", Names.Where(n => n != "id").Select(n => $"{alias}.{n}"));

    public static GameResponse Read(NpgsqlDataReader row)
    {
        T? Value<T>(string column)
        {
            var ordinal = row.GetOrdinal(column);
            return row.IsDBNull(ordinal) ? default : row.GetFieldValue<T>(ordinal);
        }

        var rankByCategory = Value<string>("rank_by_category");
        var game = new Game
        {
            Id = row.GetGuid(row.GetOrdinal("id")),
            Slug = row.GetString(row.GetOrdinal("slug")),
            Name = row.GetString(row.GetOrdinal("name")),
            Type = row.GetString(row.GetOrdinal("type")),
            ParentGameId = Value<Guid?>("parent_game_id"),
            YearPublished = Value<int?>("year_published"),
            Description = Value<string>("description"),
            DescriptionShort = Value<string>("description_short"),
            MinPlayers = Value<int?>("min_players"),
            MaxPlayers = Value<int?>("max_players"),
            MinPlaytimeMinutes = Value<int?>("min_playtime_minutes"),
            MaxPlaytimeMinutes = Value<int?>("max_playtime_minutes"),
            CommunityPlaytimeMinMinutes = Value<int?>("community_playtime_min_minutes"),
            CommunityPlaytimeMaxMinutes = Value<int?>("community_playtime_max_minutes"),
            CommunityPlaytimeMedianMinutes = Value<int?>("community_playtime_median_minutes"),
            MinAge = Value<int?>("min_age"),
            CommunitySuggestedAge = Value<int?>("community_suggested_age"),
            Weight = Value<decimal?>("weight"),
            WeightVotes = Value<int>("weight_votes"),
            AverageRating = Value<decimal?>("average_rating"),
            BayesRating = Value<decimal?>("bayes_rating"),
            RatingCount = Value<int>("rating_count"),
            RatingStddev = Value<decimal?>("rating_stddev"),
            RatingDistribution = Value<int[]>("rating_distribution"),
            RatingConfidence = Value<decimal?>("rating_confidence"),
            RankOverall = Value<int?>("rank_overall"),
            // Read as text: the data source's JSON mapping is configuration, this shape is not.
            RankByCategory = rankByCategory is null ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(rankByCategory),
            OwnerCount = Value<int?>("owner_count"),
            WishlistCount = Value<int?>("wishlist_count"),
            TotalPlays = Value<int?>("total_plays"),
            LanguageDependence = Value<string>("language_dependence"),
            Mode = Value<string>("mode"),
            ImageUrl = Value<string>("image_url"),
            ThumbnailUrl = Value<string>("thumbnail_url"),
            BggId = Value<int?>("bgg_id"),
            FundingSource = Value<string>("funding_source"),
            CanonicalEditionId = Value<Guid?>("canonical_edition_id"),
            Status = row.GetString(row.GetOrdinal("status")),
            TopPlayerCounts = Value<int[]>("top_player_counts"),
            RecommendedPlayerCounts = Value<int[]>("recommended_player_counts"),
            CreatedAt = row.GetDateTime(row.GetOrdinal("created_at")),
            UpdatedAt = row.GetDateTime(row.GetOrdinal("updated_at")),
        };
        return game.ToResponse(row.GetString(row.GetOrdinal("sort_name")));
    }
}
