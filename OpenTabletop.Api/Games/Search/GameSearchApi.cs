using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Search;

public static class GameSearchApi
{
    private const string Path = GameLinks.Root + "/games/search";

    public static RouteGroupBuilder MapGameSearch(this RouteGroupBuilder games)
    {
        games.MapPost("/search", SearchGames)
            .WithName("searchGames")
            .WithSummary("Search games with structured filters")
            .WithTags("Search", "Games")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        return games;
    }

    internal static async Task<Results<Ok<Page<GameResponse>>, ProblemHttpResult>> SearchGames(
        SearchRequestBody body, GamePageQuery games, GameIncludeLoader includes, CatalogueCount catalogue, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var filters = BodyFilters.Parse(body.Filters, errors);
        // SPEC-DECISIONS "sort=rating": POST search defaults to rating, descending.
        var page = PageRequest.Parse(body.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture), body.Sort,
            body.Order, body.Cursor, [.. GameSorts.Keys.Keys], "rating", "desc", filters.Fingerprint("search"), errors);
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The request body has invalid values.", errors);
        if (BodyFilters.NamesEdition(body.Filters)) return EffectiveMode.EditionNotSupported();

        var embed = GameIncludes.Parse(body.Include ?? []);
        try
        {
            var (result, unknown) = await games.RunAsync(filters, field => BodyFilters.Paths.GetValueOrDefault(field, "filters." + field), page, ct);
            if (result is null) return Problems.Create(StatusCodes.Status422UnprocessableEntity, "A filter names something that does not exist.", unknown);
            result = result with { Rows = await includes.ApplyAsync(result.Rows, embed, ct) };
            var summary = new FilterSummary(FilterSummaryText.Describe(filters), result.Total, await catalogue.ActiveGamesAsync(ct));
            return TypedResults.Ok(new Page<GameResponse>(
                result.Rows,
                EffectiveMode.Echo(new PageMeta(result.Total, page.Limit, result.HasMore, result.NextCursor, result.PrevCursor, summary, result.TotalEstimated ? true : null), filters),
                Links(result)));
        }
        catch (Exception e) when (PagedList.IsCursorFault(e))
        {
            return PagedList.InvalidCursor();
        }
    }

    /// <summary>
    /// The cursor travels in the body, so next and prev are the same URL to POST again
    /// (SPEC-DECISIONS "Cursors": the title says so).
    /// </summary>
    private static PageLinks Links(KeysetPage<GameResponse> result) => new(
        new Link(Path),
        result.NextCursor is null ? null : new Link(Path, "POST the same body with cursor = meta.next_cursor"),
        result.PrevCursor is null ? null : new Link(Path, "POST the same body with cursor = meta.prev_cursor"));
}
