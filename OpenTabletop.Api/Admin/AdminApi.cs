using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Maintenance;
using OpenTabletop.Data.Materialization;

namespace OpenTabletop.Api.Admin;

/// <summary>Operator endpoints under /v1/admin: an admin-scope key for every one.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").WithTags("Admin").RequireScope(ApiClient.AdminScope);
        admin.MapPost("/materialize", RequestRun).WithName("requestMaterialization")
            .WithSummary("Ask the Materializer for a run now (answered 202; the run's progress is at the Location)")
            .Produces<MaterializationRunResponse>(StatusCodes.Status202Accepted)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        admin.MapGet("/materialize/runs/{id:guid}", GetRun).WithName("getMaterializationRun")
            .WithSummary("A Materializer run: status, timings and rows per step")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        admin.MapGet("/materialize/runs", ListRuns).WithName("listMaterializationRuns")
            .WithSummary("The newest Materializer runs")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        admin.MapMaintenanceApi();
        admin.MapKeysApi();
        return admin;
    }

    public static IServiceCollection AddAdminApi(this IServiceCollection services) =>
        services.AddSingleton<MaterializationRuns>()
            // A hosted service so that its instruments exist from the start, before anything asks for it.
            .AddSingleton<MaterializationRunMetrics>().AddHostedService(sp => sp.GetRequiredService<MaterializationRunMetrics>());

    internal static async Task<Results<Accepted<MaterializationRunResponse>, ProblemHttpResult>> RequestRun(
        HttpContext http, NpgsqlDataSource dataSource, MaterializationRuns runs, CancellationToken ct)
    {
        var client = http.GetApiClient();
        var id = await MaterializationRequests.RequestAsync(dataSource, $"{client.Owner} (key {client.KeyId:D})", ct);
        return TypedResults.Accepted(MaterializationRuns.PathOf(id), await runs.GetAsync(id, ct));
    }

    internal static async Task<Results<Ok<MaterializationRunResponse>, ProblemHttpResult>> GetRun(Guid id, MaterializationRuns runs, CancellationToken ct) =>
        await runs.GetAsync(id, ct) is { } run ? TypedResults.Ok(run) : Problems.NotFound($"No Materializer run {id:D}.");

    internal static async Task<Results<Ok<MaterializationRunsResponse>, ProblemHttpResult>> ListRuns(string? limit, MaterializationRuns runs, CancellationToken ct)
    {
        var count = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 100))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.",
                [new("limit", "limit must be a whole number from 1 to 100.", "out_of_range")]);
        }
        return TypedResults.Ok(new MaterializationRunsResponse(await runs.NewestAsync(count, ct),
            new Dictionary<string, Link> { ["self"] = new($"{Games.GameLinks.Root}/admin/materialize/runs") }));
    }
}
