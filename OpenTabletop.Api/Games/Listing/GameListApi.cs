using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Games.Listing.InMemory;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.Http.Caching;

namespace OpenTabletop.Api.Games.Listing;

public static class GameListApi
{
    public static RouteGroupBuilder MapGameList(this RouteGroupBuilder games)
    {
        games.MapGet("", ListGames)
            .CachedResponses()
            .WithName("listGames")
            .WithSummary("List games with filtering")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        return games;
    }

    /// <summary>Validates a list request: its filters and its page, every problem collected.</summary>
    internal static (GameFilters Filters, PageRequest Page, List<FieldError> Errors) Parse(GameListParameters query)
    {
        var errors = new List<FieldError>();
        var filters = QueryFilters.Parse(query, errors);
        var page = PageRequest.Parse(query.Limit, query.Sort, query.Order, query.Cursor,
            [.. GameSorts.Keys.Keys], GameSorts.Default, "asc", filters.Fingerprint("games"), errors);
        return (filters, page, errors);
    }

    /// <summary>
    /// The SQL a valid list request runs for its page and count, for the benchmark's direct-SQL
    /// ceiling (after resolving its references, as the endpoint does); null when the request is invalid.
    /// With <paramref name="index"/> (the Api's in-memory index, loaded the same way), the statements
    /// of a page chosen in memory when the index can choose it, as the endpoint would.
    /// </summary>
    internal static async Task<KeysetPlan?> PlanOfAsync(
        GameListParameters query, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct, GameIndexSnapshot? index = null)
    {
        var (filters, page, errors) = Parse(query);
        if (errors.Count > 0) return null;
        var (references, unknown) = await FilterReferenceResolver.ResolveAsync(dataSource, filters, field => field, ct);
        if (unknown.Count > 0) return null;
        if (index is not null && GameIndexFilter.Supports(filters)
            && GameIndexSelection.Choose(index, GameIndexFilter.Evaluate(index, filters, references), page) is { } selection)
        {
            return GameIndexPages.Plan(selection, filters.UsesVariants);
        }
        await using var count = dataSource.CreateCommand(CatalogueCount.Sql);
        var catalogueSize = (int)(await count.ExecuteScalarAsync(ct))!;
        return GamePageQuery.Plan(GameFilterSql.For(filters, references), page, catalogueSize);
    }

    internal static async Task<Results<Ok<Page<GameResponse>>, ProblemHttpResult>> ListGames(
        [AsParameters] GameListParameters query, HttpRequest request, GamePageQuery games, GameIncludeLoader includes, CatalogueCount catalogue, CancellationToken ct)
    {
        var (filters, page, errors) = Parse(query);
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);

        var embed = GameIncludes.Parse(query.Include);
        KeysetPage<GameResponse> result;
        try
        {
            var (found, unknown) = await games.RunAsync(filters, field => field, page, ct);
            if (found is null) return Problems.Create(StatusCodes.Status422UnprocessableEntity, "A filter names something that does not exist.", unknown);
            result = found with { Rows = await includes.ApplyAsync(found.Rows, embed, ct) };
        }
        catch (Exception e) when (PagedList.IsCursorFault(e))
        {
            return PagedList.InvalidCursor();
        }
        var response = await PagedList.RunAsync(request, page, () => Task.FromResult(result),
            async result => new FilterSummary(FilterSummaryText.Describe(filters), result.Total, await catalogue.ActiveGamesAsync(ct)));
        return response.Result is Ok<Page<GameResponse>> { Value: { } ok }
            ? TypedResults.Ok(ok with { Meta = EffectiveMode.Echo(ok.Meta, filters) })
            : response;
    }
}
