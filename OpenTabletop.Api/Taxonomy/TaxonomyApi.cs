using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Taxonomy;

public static class TaxonomyApi
{
    public static IEndpointRouteBuilder MapTaxonomyApi(this IEndpointRouteBuilder routes)
    {
        foreach (var kind in TaxonomyKind.All)
        {
            var group = routes.MapGroup("/" + kind.Path).WithTags("Taxonomy");
            group.MapGet("/", (HttpRequest request, TaxonomyQueries queries, string? sort, string? order, string? cursor, string? limit, CancellationToken ct) =>
                    ListAsync(kind, request, queries, sort, order, cursor, limit, ct))
                .WithName("list" + char.ToUpperInvariant(kind.Path[0]) + kind.Path[1..])
                .WithSummary($"List {kind.Path}");
            group.MapGet("/{slug}", (TaxonomyQueries queries, string slug, CancellationToken ct) => GetAsync(kind, queries, slug, ct))
                .WithName("get" + char.ToUpperInvariant(kind.Singular[0]) + kind.Singular[1..])
                .WithSummary($"Get a {kind.Singular} by slug");
        }
        return routes;
    }

    public static IServiceCollection AddTaxonomyApi(this IServiceCollection services) => services.AddSingleton<TaxonomyQueries>();

    internal static async Task<Results<Ok<Page<TaxonomyTermResponse>>, ProblemHttpResult>> ListAsync(
        TaxonomyKind kind, HttpRequest request, TaxonomyQueries queries,
        string? sort, string? order, string? cursor, string? limit, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var page = PageRequest.Parse(limit, sort, order, cursor, [.. TaxonomyQueries.Sorts.Keys], "name", "asc", kind.Path, errors);
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);

        IReadOnlyList<TaxonomyTermResponse> rows;
        int total;
        bool moreBefore, moreAfter;
        try
        {
            (rows, total, moreBefore, moreAfter) = await queries.ListAsync(kind, page, ct);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // A well-formed cursor whose value has the wrong type for its sort key.
            return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.",
                [new("cursor", "cursor is not a cursor issued by this API.", "invalid_cursor")]);
        }

        var next = moreAfter && rows.Count > 0
            ? page.CursorFor(TaxonomyQueries.SortValue(page.Sort, rows[^1]), rows[^1].Id, PageDirection.Next, kind.Path).Encode()
            : null;
        var prev = moreBefore && rows.Count > 0
            ? page.CursorFor(TaxonomyQueries.SortValue(page.Sort, rows[0]), rows[0].Id, PageDirection.Prev, kind.Path).Encode()
            : null;
        return TypedResults.Ok(new Page<TaxonomyTermResponse>(
            rows, new PageMeta(total, page.Limit, moreAfter, next, prev), PageLinkBuilder.For(request, next, prev)));
    }

    internal static async Task<Results<Ok<TaxonomyTermResponse>, ProblemHttpResult>> GetAsync(
        TaxonomyKind kind, TaxonomyQueries queries, string slug, CancellationToken ct) =>
        await queries.FindAsync(kind, slug, ct) is { } term
            ? TypedResults.Ok(term)
            : Problems.NotFound($"No {kind.Singular} found with slug '{slug}'.");
}
