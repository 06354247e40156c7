namespace OpenTabletop.Api.Export;

/// <summary>
/// The spec's ExportManifest: the first line of a JSONL export, the X-Export-* headers of both
/// formats, and the body of GET /v1/export/manifest.
/// </summary>
public sealed record ExportManifest(
    string Format,
    int RowCount,
    string SchemaVersion,
    DateTime GeneratedAt,
    IReadOnlyDictionary<string, string> FiltersApplied)
{
    /// <summary>The spec version whose Game schema the rows follow.</summary>
    public const string CurrentSchemaVersion = "0.1.0";
}
