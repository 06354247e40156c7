using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Games;

public static class GamesApi
{
    public static RouteGroupBuilder MapGamesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/games").WithTags("Games");
        group.MapGet("/{id}", GetGame)
            .WithName("getGame")
            .WithSummary("Get a game by ID or slug")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapGameSubresources();
        group.MapGameEditions();
        group.MapEffectiveProperties();
        return group;
    }

    internal static async Task<Results<Ok<GameResponse>, ProblemHttpResult>> GetGame(
        string id, OpenTabletopDbContext db, CancellationToken ct)
    {
        var (game, missing) = await GameSubresources.ResolveAsync(db, id, ct);
        return game is null ? missing! : TypedResults.Ok(game.ToResponse());
    }
}
