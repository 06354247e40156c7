using OpenTabletop.Api.Http;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

internal static class GameMapping
{
    /// <param name="sortName">The row's sort_name, where it was read beside the entity (the entity cannot hold it: database-generated, no public setter).</param>
    public static GameResponse ToResponse(this Game game, string? sortName = null) => new()
    {
        Id = game.Id,
        Slug = game.Slug,
        Name = game.Name,
        SortName = sortName ?? game.SortName,
        Type = game.Type,
        ParentGameId = game.ParentGameId,
        YearPublished = game.YearPublished,
        Description = game.Description,
        DescriptionShort = game.DescriptionShort,
        MinPlayers = game.MinPlayers,
        MaxPlayers = game.MaxPlayers,
        MinPlaytimeMinutes = game.MinPlaytimeMinutes,
        MaxPlaytimeMinutes = game.MaxPlaytimeMinutes,
        CommunityPlaytimeMinMinutes = game.CommunityPlaytimeMinMinutes,
        CommunityPlaytimeMaxMinutes = game.CommunityPlaytimeMaxMinutes,
        CommunityPlaytimeMedianMinutes = game.CommunityPlaytimeMedianMinutes,
        MinAge = game.MinAge,
        Weight = game.Weight.ToDouble(),
        WeightVotes = game.WeightVotes,
        AverageRating = game.AverageRating.ToDouble(),
        RatingDistribution = game.RatingDistribution,
        RatingStddev = game.RatingStddev.ToDouble(),
        BayesRating = game.BayesRating.ToDouble(),
        RatingCount = game.RatingCount,
        RatingConfidence = game.RatingConfidence.ToDouble(),
        RankOverall = game.RankOverall,
        RankByCategory = game.RankByCategory,
        OwnerCount = game.OwnerCount,
        WishlistCount = game.WishlistCount,
        TotalPlays = game.TotalPlays,
        CommunitySuggestedAge = game.CommunitySuggestedAge,
        LanguageDependence = game.LanguageDependence,
        Mode = game.Mode,
        ImageUrl = game.ImageUrl,
        ThumbnailUrl = game.ThumbnailUrl,
        BggId = game.BggId,
        FundingSource = game.FundingSource,
        CanonicalEditionId = game.CanonicalEditionId,
        Status = game.Status,
        TopPlayerCounts = game.TopPlayerCounts,
        RecommendedPlayerCounts = game.RecommendedPlayerCounts,
        CreatedAt = DateTime.SpecifyKind(game.CreatedAt, DateTimeKind.Utc),
        UpdatedAt = DateTime.SpecifyKind(game.UpdatedAt, DateTimeKind.Utc),
        Links = GameLinks.For(game),
    };
}
