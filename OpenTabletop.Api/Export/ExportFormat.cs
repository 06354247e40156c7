using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Export;

/// <summary>The export formats of the spec's <c>format</c> parameter, with what goes on the wire for each.</summary>
internal sealed record ExportFormat(string Name, string ContentType)
{
    /// <summary>SPEC-DECISIONS "Export": application/x-ndjson (the spec's own example says application/jsonl).</summary>
    public static readonly ExportFormat JsonLines = new("jsonl", "application/x-ndjson");

    public static readonly ExportFormat Csv = new("csv", "text/csv; charset=utf-8");

    public static readonly IReadOnlyList<ExportFormat> All = [JsonLines, Csv];

    /// <summary>The format named by the parameter (default jsonl), or null with a problem for anything else.</summary>
    public static ExportFormat? Parse(string? value, List<FieldError> errors)
    {
        if (value is null) return JsonLines;
        var format = All.FirstOrDefault(f => f.Name == value);
        if (format is null) errors.Add(new("format", "format must be one of: jsonl, csv.", "invalid_enum"));
        return format;
    }
}
