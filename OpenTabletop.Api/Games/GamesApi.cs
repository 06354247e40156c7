using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Games.Expansions;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Games.Listing.InMemory;
using OpenTabletop.Api.Games.Search;
using OpenTabletop.Api.Games.Statistics;
using OpenTabletop.Api.Http.OpenApi;
using Npgsql;
using OpenTabletop.Api.Votes;
using OpenTabletop.Data;
using OpenTabletop.Api.Http.Caching;

namespace OpenTabletop.Api.Games;

public static class GamesApi
{
    public static RouteGroupBuilder MapGamesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/games").WithTags("Games");
        group.MapGet("/{id}", GetGame)
            .CachedResponses()
            .WithName("getGame")
            .WithSummary("Get a game by ID or slug")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapGameList();
        group.MapGameSearch();
        group.MapExpansions();
        group.MapGameSubresources();
        group.MapGameEditions();
        group.MapEffectiveProperties();
        group.MapVotesApi();
        group.MapGameStatistics();
        return group;
    }

    public static IServiceCollection AddGamesApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Read here, while building, so that a bad GAME_INDEX stops the boot with one clear line.
        var index = new GameIndex(GameIndexSettings.Enabled(configuration));
        return services.AddSingleton(index).AddSingleton<GameIndexPages>().AddHostedService<GameIndexLoadService>()
            .AddSingleton<GamePageQuery>().AddSingleton<CatalogueCount>().AddGameIncludes();
    }

    internal static async Task<Results<Ok<GameResponse>, ProblemHttpResult>> GetGame(
        string id, string? include, NpgsqlDataSource dataSource, OpenTabletopDbContext db, GameIncludeLoader includes, CancellationToken ct)
    {
        var game = await dataSource.FindResponseAsync(id, ct);
        if (game is null) return await GameSubresources.MissingAsync(db, id, ct);
        return TypedResults.Ok(await includes.ApplyAsync(game, GameIncludes.Parse(include), ct));
    }
}
