using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.Http.Caching;

namespace OpenTabletop.Api.People;

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder routes)
    {
        var designers = routes.MapGroup("/designers").WithTags("People").CachedResponses();
        designers.MapGet("/", ListDesigners).WithName("listDesigners").WithSummary("List all designers")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        designers.MapGet("/{id}", GetDesigner).WithName("getDesigner").WithSummary("Get a designer by ID or slug")
            .ProducesProblems(StatusCodes.Status404NotFound);

        var publishers = routes.MapGroup("/publishers").WithTags("People").CachedResponses();
        publishers.MapGet("/", ListPublishers).WithName("listPublishers").WithSummary("List all publishers")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        publishers.MapGet("/{id}", GetPublisher).WithName("getPublisher").WithSummary("Get a publisher by ID or slug")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return routes;
    }

    public static IServiceCollection AddPeopleApi(this IServiceCollection services) => services.AddSingleton<PeopleQueries>();

    internal static Task<Results<Ok<Page<DesignerResponse>>, ProblemHttpResult>> ListDesigners(
        HttpRequest request, PeopleQueries queries, string? sort, string? order, string? cursor, string? limit, CancellationToken ct) =>
        PagedList.RespondAsync(request, limit, sort, order, cursor, [.. PeopleQueries.Sorts.Keys], "name", "designers",
            page => queries.ListDesignersAsync(page, ct));

    internal static Task<Results<Ok<Page<PublisherResponse>>, ProblemHttpResult>> ListPublishers(
        HttpRequest request, PeopleQueries queries, string? sort, string? order, string? cursor, string? limit, CancellationToken ct) =>
        PagedList.RespondAsync(request, limit, sort, order, cursor, [.. PeopleQueries.Sorts.Keys], "name", "publishers",
            page => queries.ListPublishersAsync(page, ct));

    internal static async Task<Results<Ok<DesignerResponse>, ProblemHttpResult>> GetDesigner(string id, PeopleQueries queries, CancellationToken ct) =>
        await queries.FindDesignerAsync(id, ct) is { } designer
            ? TypedResults.Ok(designer)
            : Problems.NotFound($"No designer found with identifier '{id}'.");

    internal static async Task<Results<Ok<PublisherResponse>, ProblemHttpResult>> GetPublisher(string id, PeopleQueries queries, CancellationToken ct) =>
        await queries.FindPublisherAsync(id, ct) is { } publisher
            ? TypedResults.Ok(publisher)
            : Problems.NotFound($"No publisher found with identifier '{id}'.");
}
