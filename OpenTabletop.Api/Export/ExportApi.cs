using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Caching;
using OpenTabletop.Api.Http.OpenApi;

namespace OpenTabletop.Api.Export;

/// <summary>
/// GET /v1/export/games (the spec's exportGames: every game matching the filters of GET /v1/games, as
/// JSON Lines or CSV, streamed from one snapshot) and GET /v1/export/manifest (its manifest only).
/// </summary>
public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/export").WithTags("Export");
        group.MapGet("/games", ExportGames)
            .WithName("exportGames")
            .WithSummary("Export game data in bulk")
            .Streamed()
            .Produces<string>(StatusCodes.Status200OK, ExportFormat.JsonLines.ContentType, "text/csv")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity,
                StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(ExportDocumentation.DescribeExport)
            // It ends when its rows do; REQUEST_TIMEOUT_SECONDS would cut a large export off.
            .DisableRequestTimeout();
        group.MapGet("/manifest", GetManifest)
            .WithName("getExportManifest")
            .WithSummary("Preview the manifest of an export")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(ExportDocumentation.DescribeManifest);
        return group;
    }

    public static IServiceCollection AddExportApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Read here, while building, so that a bad EXPORT_* value stops the boot with one clear line.
        var settings = ExportSettings.From(configuration);
        return services.AddSingleton(settings).AddSingleton<ExportQuota>().AddSingleton<ExportSlots>()
            .AddSingleton<ExportMetrics>().AddSingleton<ExportServices>();
    }

    internal static async Task<Results<ExportStream, ProblemHttpResult>> ExportGames(
        [AsParameters] GameListParameters query, [FromQuery(Name = "format")] string? format, HttpContext context,
        ExportServices services, CancellationToken ct)
    {
        var (export, errors) = ExportQuery.Parse(query, format);
        if (export is null)
        {
            services.Metrics.Refused(null, "invalid");
            return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);
        }
        return await GameExport.StartAsync(export, context, services, ct);
    }

    internal static async Task<Results<Ok<ExportManifest>, ProblemHttpResult>> GetManifest(
        [AsParameters] GameListParameters query, [FromQuery(Name = "format")] string? format, HttpContext context,
        ExportServices services, CancellationToken ct)
    {
        var (export, errors) = ExportQuery.Parse(query, format);
        if (export is null) return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);
        return await GameExport.ManifestAsync(export, context, services, ct);
    }
}
