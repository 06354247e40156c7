using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Export;

/// <summary>
/// A validated export request: its format, and the filters and order of GET /v1/games, parsed by the
/// list's own code so that both answer the same games for the same parameters.
/// </summary>
internal sealed record ExportQuery(ExportFormat Format, GameFilters Filters, string Sort, bool Descending)
{
    /// <summary>
    /// Every bad value at once, as the list reports them. An export has no pages and embeds nothing,
    /// so <c>limit</c>, <c>cursor</c> and <c>include</c> are refused rather than ignored: a caller who
    /// asked for 25 games must not silently receive 100,000.
    /// </summary>
    public static (ExportQuery? Query, List<FieldError> Errors) Parse(GameListParameters parameters, string? format)
    {
        var errors = new List<FieldError>();
        var exportFormat = ExportFormat.Parse(format, errors);
        var (filters, page, listErrors) = GameListApi.Parse(parameters with { Limit = null, Cursor = null, Include = null });
        errors.AddRange(listErrors);
        NotSupported("limit", parameters.Limit, "an export has no pages: it holds every matching game; narrow the filters instead.", errors);
        NotSupported("cursor", parameters.Cursor, "an export has no pages: it holds every matching game; narrow the filters instead.", errors);
        NotSupported("include", parameters.Include, "an export carries each game's own fields only; fetch embedded resources from /v1/games/{id}?include=.", errors);
        return errors.Count > 0 || exportFormat is null
            ? (null, errors)
            : (new ExportQuery(exportFormat, filters, page.Sort, page.Descending), errors);
    }

    private static void NotSupported(string field, string? value, string why, List<FieldError> errors)
    {
        if (value is not null) errors.Add(new(field, $"{field} is not supported by the export: {why}", "not_supported"));
    }
}
