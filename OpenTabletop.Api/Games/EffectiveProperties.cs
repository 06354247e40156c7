using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Data;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

internal static class EffectiveProperties
{
    public static RouteGroupBuilder MapEffectiveProperties(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/effective-properties", GetAsync)
            .WithName("getGameEffectiveProperties").WithSummary("Get effective properties for a game with expansions").WithTags("Games", "Expansions")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    internal static async Task<Results<Ok<EffectivePropertiesResponse>, ProblemHttpResult>> GetAsync(
        string id, string? with, string? edition, OpenTabletopDbContext db, CancellationToken ct)
    {
        var (game, missing) = await GameSubresources.ResolveAsync(db, id, ct);
        if (game is null) return missing!;

        // The edition: the one asked for (UUID), else the canonical one; its delta applies before any expansion.
        GameEdition? chosen = null;
        var editionSource = "none";
        if (edition is not null)
        {
            chosen = Guid.TryParse(edition, out var editionId)
                ? await db.Set<GameEdition>().Include(e => e.Delta).FirstOrDefaultAsync(e => e.Id == editionId && e.GameId == game.Id, ct)
                : null;
            if (chosen is null) return Problems.NotFound($"Edition '{edition}' not found for game '{game.Slug}'.");
            editionSource = "explicit";
        }
        else if (await db.Set<GameEdition>().Include(e => e.Delta).FirstOrDefaultAsync(e => e.GameId == game.Id && e.IsCanonical, ct) is { } canonical)
        {
            chosen = canonical;
            editionSource = "canonical";
        }

        // The expansions: each must exist (404) and belong to this base game (422).
        var requested = (with ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var expansions = new List<Game>();
        foreach (var item in requested)
        {
            var expansion = await db.FindAsync(item, ct);
            if (expansion is null) return Problems.NotFound($"Expansion '{item}' not found for game '{game.Slug}'.");
            if (!await BelongsToAsync(db, expansion, game, ct))
            {
                return Problems.Create(StatusCodes.Status422UnprocessableEntity,
                    $"'{expansion.Slug}' is not an expansion of '{game.Slug}'.",
                    [new("with", $"'{item}' belongs to another game.", "not_an_expansion_of_this_game")]);
            }
            if (expansions.All(e => e.Id != expansion.Id)) expansions.Add(expansion);
        }

        var ids = expansions.Select(e => e.Id).ToHashSet();
        var combinations = await db.Set<ExpansionCombination>().Where(c => c.BaseGameId == game.Id).ToListAsync(ct);
        var exact = ids.Count == 0 ? null : combinations.FirstOrDefault(c => c.ExpansionIds.Length == ids.Count && c.ExpansionIds.All(ids.Contains));
        var deltas = ids.Count == 0
            ? []
            : await db.Set<PropertyModification>().Where(m => m.BaseGameId == game.Id && ids.Contains(m.ExpansionId)).ToListAsync(ct);

        return TypedResults.Ok(EffectivePropertiesBuilder.Build(
            EffectiveResolution.Published(game), chosen?.Id, chosen?.Delta, editionSource,
            [.. expansions.Select(e => (e.Id, e.Slug))], exact, deltas));
    }

    /// <summary>An add-on of this base game: its parent, or linked from it by expands or integrates_with.</summary>
    private static async Task<bool> BelongsToAsync(OpenTabletopDbContext db, Game expansion, Game baseGame, CancellationToken ct) =>
        expansion.Id != baseGame.Id && (expansion.ParentGameId == baseGame.Id ||
        await db.Set<GameRelationship>().AnyAsync(r =>
            (r.SourceGameId == baseGame.Id && r.TargetGameId == expansion.Id && (r.RelationshipType == "expands" || r.RelationshipType == "integrates_with")) ||
            (r.SourceGameId == expansion.Id && r.TargetGameId == baseGame.Id && r.RelationshipType == "integrates_with"), ct));
}
