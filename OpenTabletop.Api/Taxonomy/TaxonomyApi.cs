using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.Http.Caching;

namespace OpenTabletop.Api.Taxonomy;

public static class TaxonomyApi
{
    public static IEndpointRouteBuilder MapTaxonomyApi(this IEndpointRouteBuilder routes)
    {
        foreach (var kind in TaxonomyKind.All)
        {
            var group = routes.MapGroup("/" + kind.Path).WithTags("Taxonomy").CachedResponses();
            group.MapGet("/", (HttpRequest request, TaxonomyQueries queries, string? sort, string? order, string? cursor, string? limit, CancellationToken ct) =>
                    ListAsync(kind, request, queries, sort, order, cursor, limit, ct))
                .WithName("list" + char.ToUpperInvariant(kind.Path[0]) + kind.Path[1..])
                .WithSummary($"List all {kind.Path}")
                .WithResponseSchema(kind.SchemaName)
                .ProducesProblems(StatusCodes.Status400BadRequest);
            group.MapGet("/{slug}", (TaxonomyQueries queries, string slug, CancellationToken ct) => GetAsync(kind, queries, slug, ct))
                .WithName("get" + char.ToUpperInvariant(kind.Singular[0]) + kind.Singular[1..])
                .WithSummary($"Get a {kind.Singular} by slug")
                .WithResponseSchema(kind.SchemaName)
                .ProducesProblems(StatusCodes.Status404NotFound);
        }
        return routes;
    }

    public static IServiceCollection AddTaxonomyApi(this IServiceCollection services) => services.AddSingleton<TaxonomyQueries>();

    internal static Task<Results<Ok<Page<TaxonomyTermResponse>>, ProblemHttpResult>> ListAsync(
        TaxonomyKind kind, HttpRequest request, TaxonomyQueries queries,
        string? sort, string? order, string? cursor, string? limit, CancellationToken ct) =>
        PagedList.RespondAsync(request, limit, sort, order, cursor, [.. TaxonomyQueries.Sorts.Keys], "name", kind.Path,
            page => queries.ListAsync(kind, page, ct));

    internal static async Task<Results<Ok<TaxonomyTermResponse>, ProblemHttpResult>> GetAsync(
        TaxonomyKind kind, TaxonomyQueries queries, string slug, CancellationToken ct) =>
        await queries.FindAsync(kind, slug, ct) is { } term
            ? TypedResults.Ok(term)
            : Problems.NotFound($"No {kind.Singular} found with slug '{slug}'.");
}
