using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Data;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

internal static class GameEditions
{
    public static RouteGroupBuilder MapGameEditions(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/editions", GetEditions)
            .WithName("getGameEditions").WithSummary("List editions of a game")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        return group;
    }

    /// <summary>Canonical edition first, then by year and name. Unknown include values are ignored (ruling).</summary>
    internal static async Task<Results<Ok<GameEditionsResponse>, ProblemHttpResult>> GetEditions(
        string id, string? include, OpenTabletopDbContext db, CancellationToken ct)
    {
        var (game, missing) = await GameSubresources.ResolveAsync(db, id, ct);
        if (game is null) return missing!;

        var editions = await db.Set<GameEdition>()
            .Where(e => e.GameId == game.Id)
            .Include(e => e.EditionPublishers)
            .Include(e => e.EditionArtists)
            .Include(e => e.Delta)
            .AsSplitQuery()
            .OrderByDescending(e => e.IsCanonical).ThenBy(e => e.YearPublished).ThenBy(e => e.Name).ThenBy(e => e.Id)
            .ToListAsync(ct);

        var withDeltas = (include ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains("deltas");
        var gameHref = $"{GameLinks.Root}/games/{game.Slug}";
        return TypedResults.Ok(new GameEditionsResponse(
            game.Id,
            game.CanonicalEditionId ?? editions.FirstOrDefault(e => e.IsCanonical)?.Id,
            [.. editions.Select(e => e.ToResponse(gameHref, game.Name))],
            withDeltas ? new EditionsEmbedded([.. editions.Where(e => e.Delta is not null).Select(e => ToResponse(e.Delta!))]) : null,
            new Dictionary<string, Link> { ["self"] = new($"{gameHref}/editions"), ["game"] = new(gameHref, game.Name) }));
    }

    private static EditionDeltaResponse ToResponse(EditionDelta d) => new(
        d.EditionId, d.GameId, d.MinPlayersDelta, d.MaxPlayersDelta, (double)d.WeightDelta,
        d.PlaytimeMinDelta, d.PlaytimeMaxDelta, d.BestAtDelta, d.RulesChanges, d.ComponentChanges, d.Description);
}
