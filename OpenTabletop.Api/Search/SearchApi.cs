using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.Http.Caching;

namespace OpenTabletop.Api.Search;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/search", Search)
            .CachedResponses()
            .WithTags("Search")
            .WithName("searchAll")
            .WithSummary("Search across all entity types")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    public static IServiceCollection AddSearchApi(this IServiceCollection services) =>
        services.AddScoped<SearchQueries>().AddSingleton<Search.InMemory.EnglishLexemes>();

    /// <summary>Validates a search request: its query, its types and its page, every problem collected.</summary>
    internal static (SearchQueryText? Query, IReadOnlyList<SearchResultType> Types, PageRequest Page, List<FieldError> Errors) Parse(
        string? q, string? type, string? limit, string? cursor)
    {
        var errors = new List<FieldError>();
        var query = SearchQueryText.Parse(q, errors);
        var types = SearchResultType.Parse(type, errors);
        // Ranked by relevance only: there is no sort or order parameter, so both are fixed here. Without a
        // valid q there is no query for a cursor to belong to, so it is not judged.
        var page = PageRequest.Parse(limit, null, null, query is null ? null : cursor, [SearchQueries.Sort], SearchQueries.Sort, "desc",
            query?.Fingerprint(types) ?? "", errors);
        return (query, types, page, errors);
    }

    /// <summary>
    /// The ranking SQL a valid search runs for its page and count, for the benchmark's direct-SQL
    /// ceiling: with <paramref name="index"/>, the statements the Api runs when it finds the game names
    /// on that copy (where it can; <paramref name="lexemes"/> are q's English lexemes, which its text arm
    /// needs); without, SQL's own. Null when the request is invalid.
    /// </summary>
    internal static KeysetPlan? PlanOf(string? q, string? type, string? limit, string? cursor,
        Games.Listing.InMemory.GameIndexSnapshot? index = null, IReadOnlyList<string>? lexemes = null)
    {
        var (query, types, page, errors) = Parse(q, type, limit, cursor);
        return errors.Count > 0 || query is null ? null : SearchQueries.Plan(query, types, page, index, lexemes);
    }

    internal static async Task<Results<Ok<Page<SearchResultResponse>>, ProblemHttpResult>> Search(
        HttpRequest request, SearchQueries queries, string? q, string? type, string? limit, string? cursor, CancellationToken ct)
    {
        var (query, types, page, errors) = Parse(q, type, limit, cursor);
        if (errors.Count > 0 || query is null)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);
        }

        try
        {
            return TypedResults.Ok((await queries.SearchAsync(query, types, page, ct)).ToPage(request, page.Limit));
        }
        catch (Exception e) when (e is FormatException or Npgsql.PostgresException { SqlState: "42883" or "22P02" })
        {
            // A well-formed cursor of ours whose boundary values do not fit this sort key.
            return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.",
                [new("cursor", "cursor is not a cursor issued by this API.", "invalid_cursor")]);
        }
    }
}
