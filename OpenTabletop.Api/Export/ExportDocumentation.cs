using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenTabletop.Api.Export;

/// <summary>
/// The export operations in the OpenAPI document as the spec describes exportGames: the format
/// parameter's enum, the X-Export-* headers, the streamed media types. The handlers bind the list's
/// parameter record, whose paging and include parameters an export refuses, so those are left out.
/// </summary>
internal static class ExportDocumentation
{
    private static readonly string[] NotExportParameters = ["limit", "cursor", "include"];

    private static readonly (string Name, JsonSchemaType Type, string Description)[] Headers =
    [
        (ExportHeaders.Format, JsonSchemaType.String, "The export format (jsonl or csv)."),
        (ExportHeaders.RowCount, JsonSchemaType.Integer, "Total number of data rows, counted in the snapshot the rows are read from."),
        (ExportHeaders.SchemaVersion, JsonSchemaType.String, "The export schema version (SemVer)."),
        (ExportHeaders.GeneratedAt, JsonSchemaType.String, "UTC timestamp of the snapshot the export reads."),
        (ExportHeaders.Filters, JsonSchemaType.String, "The manifest's filters_applied, as compact JSON."),
        (ExportHeaders.Sort, JsonSchemaType.String, "The order of the rows: sort key and direction."),
        (ExportHeaders.MaxRows, JsonSchemaType.Integer, "The most games one export holds (EXPORT_MAX_ROWS)."),
        (ExportHeaders.QuotaLimit, JsonSchemaType.Integer, "Exports allowed per caller per hour."),
        (ExportHeaders.QuotaRemaining, JsonSchemaType.Integer, "Exports the caller has left in the current hour."),
        ("Content-Disposition", JsonSchemaType.String, "Suggested filename for the download."),
    ];

    public static Task DescribeExport(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Description = "Every game matching the filters of GET /games, sorted as that list sorts it (sort, order), as JSON Lines " +
            "(the ExportManifest, then one Game per line) or CSV (a header row, then one game per row). Count and rows come from one " +
            "database snapshot. At most EXPORT_MAX_ROWS games (422 past it) and EXPORT_RATE_LIMIT_PER_HOUR exports per caller (429).";
        Describe(operation);
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Description = "Streamed export data. Content-Type varies by format parameter.";
            response.Headers = Headers.ToDictionary(h => h.Name, h => (IOpenApiHeader)new OpenApiHeader
            {
                Description = h.Description,
                Schema = new OpenApiSchema { Type = h.Type },
            });
        }
        return Task.CompletedTask;
    }

    public static Task DescribeManifest(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Description = "The ExportManifest that GET /export/games would start with for the same parameters, with the " +
            "matching games counted exactly (also past EXPORT_MAX_ROWS); uses no export quota.";
        Describe(operation);
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiOperation operation)
    {
        if (operation.Parameters is not { } parameters) return;
        foreach (var parameter in parameters.Where(p => NotExportParameters.Contains(p.Name)).ToList()) parameters.Remove(parameter);
        if (parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "format") is { } format)
        {
            format.Description = "The data format for the export: JSON Lines (one JSON object per line) or CSV with a header row.";
            format.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. ExportFormat.All.Select(f => (JsonNode)JsonValue.Create(f.Name))],
                Default = JsonValue.Create(ExportFormat.JsonLines.Name),
            };
        }
    }
}
