using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Data;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>Per-game sub-resources: experience playtime, per-count ratings, relationships.</summary>
internal static class GameSubresources
{
    private static readonly string[] RelationshipTypes = ["expands", "reimplements", "contains", "requires", "recommends", "integrates_with"];

    public static RouteGroupBuilder MapGameSubresources(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/experience-playtime", GetExperiencePlaytime)
            .WithName("getGameExperiencePlaytime").WithSummary("Get experience-adjusted playtime data").WithTags("Games", "Statistics")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapGet("/{id}/player-count-ratings", GetPlayerCountRatings)
            .WithName("getGamePlayerCountRatings").WithSummary("Get per-player-count community ratings").WithTags("Games", "Statistics")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapGet("/{id}/relationships", GetRelationships)
            .WithName("listGameRelationships").WithSummary("List relationships for a game")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        return group;
    }

    internal static async Task<Results<Ok<ExperiencePlaytimeProfileResponse>, ProblemHttpResult>> GetExperiencePlaytime(
        string id, OpenTabletopDbContext db, CancellationToken ct)
    {
        var (game, missing) = await ResolveAsync(db, id, ct);
        if (game is null) return missing!;

        var rows = await db.Set<ExperiencePlaytime>().Where(e => e.GameId == game.Id).ToListAsync(ct);
        var profile = await db.Set<ExperiencePlaytimeProfile>().FirstOrDefaultAsync(p => p.GameId == game.Id, ct);
        return TypedResults.Ok(ExperiencePlaytimeProfiles.Build(game.Id, game.Slug, game.Name, rows, profile));
    }

    internal static async Task<Results<Ok<PlayerCountRatingsResponse>, ProblemHttpResult>> GetPlayerCountRatings(
        string id, OpenTabletopDbContext db, CancellationToken ct)
    {
        var (game, missing) = await ResolveAsync(db, id, ct);
        if (game is null) return missing!;

        var ratings = await db.Set<PlayerCountRating>().Where(r => r.GameId == game.Id).OrderBy(r => r.PlayerCount).ToListAsync(ct);
        return TypedResults.Ok(new PlayerCountRatingsResponse(
            game.Id,
            [.. ratings.Select(r => new PlayerCountRatingResponse(game.Id, r.PlayerCount, (double)r.AverageRating, r.RatingCount, r.RatingStddev.ToDouble()))],
            [.. ratings.Where(r => r.AverageRating >= 4.0m).Select(r => r.PlayerCount)],
            [.. ratings.Where(r => r.AverageRating >= 3.0m).Select(r => r.PlayerCount)],
            Links(game.Slug, game.Name, "player-count-ratings")));
    }

    internal static async Task<Results<Ok<GameRelationshipsResponse>, ProblemHttpResult>> GetRelationships(
        string id, string? type, string? direction, HttpRequest request, OpenTabletopDbContext db, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (type is not null && !RelationshipTypes.Contains(type))
        {
            errors.Add(new("type", $"type must be one of: {string.Join(", ", RelationshipTypes)}.", "invalid_enum"));
        }
        if (direction is not (null or "inbound" or "outbound"))
        {
            errors.Add(new("direction", "direction must be 'inbound' or 'outbound'.", "invalid_enum"));
        }
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);

        var (game, missing) = await ResolveAsync(db, id, ct);
        if (game is null) return missing!;

        // type and direction combine independently (the peer applied type only together with direction).
        var edges = db.Set<GameRelationship>().Where(r =>
            (direction != "inbound" && r.SourceGameId == game.Id) || (direction != "outbound" && r.TargetGameId == game.Id));
        if (type is not null) edges = edges.Where(r => r.RelationshipType == type);
        var rows = await edges
            .OrderBy(r => r.RelationshipType).ThenBy(r => r.Ordinal).ThenBy(r => r.SourceGameId).ThenBy(r => r.TargetGameId)
            .Select(r => new { r.SourceGameId, r.TargetGameId, r.RelationshipType, r.Ordinal, r.Metadata, Source = r.SourceGame.Slug, SourceName = r.SourceGame.Name, Target = r.TargetGame.Slug, TargetName = r.TargetGame.Name })
            .ToListAsync(ct);

        var data = rows.Select(r => new GameRelationshipResponse(
            r.SourceGameId, r.TargetGameId, r.RelationshipType, r.Ordinal, r.Metadata,
            new Dictionary<string, Link>
            {
                ["source"] = new($"{GameLinks.Root}/games/{r.Source}", r.SourceName),
                ["target"] = new($"{GameLinks.Root}/games/{r.Target}", r.TargetName),
            })).ToList();
        var self = $"{GameLinks.Root}/games/{game.Slug}/relationships{request.QueryString}";
        return TypedResults.Ok(new GameRelationshipsResponse(data, new Dictionary<string, Link>
        {
            ["self"] = new(self),
            ["game"] = new($"{GameLinks.Root}/games/{game.Slug}", game.Name),
        }));
    }

    /// <summary>The game, or the problem to answer: 410 for a retired identifier, 404 otherwise.</summary>
    internal static async Task<(Game? Game, ProblemHttpResult? Problem)> ResolveAsync(OpenTabletopDbContext db, string id, CancellationToken ct)
    {
        var game = await db.FindAsync(id, ct);
        if (game is not null) return (game, null);
        return (null, await MissingAsync(db, id, ct));
    }

    /// <summary>The problem for an identifier that names no game: 410 when it was retired, 404 otherwise.</summary>
    public static async Task<ProblemHttpResult> MissingAsync(OpenTabletopDbContext db, string id, CancellationToken ct) =>
        await db.IsRetiredAsync(id, ct)
            ? Problems.Gone($"The game identifier '{id}' has been retired.")
            : Problems.NotFound($"No game found with identifier '{id}'.");

    internal static Dictionary<string, Link> Links(string gameSlug, string gameName, string resource) => new()
    {
        ["self"] = new($"{GameLinks.Root}/games/{gameSlug}/{resource}"),
        ["game"] = new($"{GameLinks.Root}/games/{gameSlug}", gameName),
    };
}
