using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Games;

public static class GamesApi
{
    public static RouteGroupBuilder MapGamesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/games").WithTags("Games");
        group.MapGet("/{id}", GetGame)
            .WithName("getGame")
            .WithSummary("Get a game by UUID or slug");
        return group;
    }

    internal static async Task<Results<Ok<GameResponse>, ProblemHttpResult>> GetGame(
        string id, OpenTabletopDbContext db, CancellationToken ct)
    {
        var game = await db.FindAsync(id, ct);
        if (game is not null) return TypedResults.Ok(game.ToResponse());
        if (await db.IsRetiredAsync(id, ct))
        {
            return Problems.Gone($"The game identifier '{id}' has been retired.");
        }
        return Problems.NotFound($"No game found with identifier '{id}'.");
    }
}
