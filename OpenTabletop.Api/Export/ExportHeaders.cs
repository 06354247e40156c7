using System.Globalization;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace OpenTabletop.Api.Export;

/// <summary>The X-Export-* headers (the spec's export.yaml, plus the filters, order, limit and quota), written before the body.</summary>
internal static class ExportHeaders
{
    public const string Format = "X-Export-Format";
    public const string RowCount = "X-Export-Row-Count";
    public const string SchemaVersion = "X-Export-Schema-Version";
    public const string GeneratedAt = "X-Export-Generated-At";
    /// <summary>The manifest's filters_applied as compact JSON (non-ASCII escaped, so it is a valid header value).</summary>
    public const string Filters = "X-Export-Filters";
    /// <summary>The order of the rows: sort key and direction, e.g. <c>name asc</c>.</summary>
    public const string Sort = "X-Export-Sort";
    public const string MaxRows = "X-Export-Max-Rows";
    public const string QuotaLimit = "X-Export-Quota-Limit";
    public const string QuotaRemaining = "X-Export-Quota-Remaining";

    public static void Describe(HttpResponse response, ExportManifest manifest, ExportQuery query, int maxRows)
    {
        var headers = response.Headers;
        headers[Format] = manifest.Format;
        headers[RowCount] = manifest.RowCount.ToString(CultureInfo.InvariantCulture);
        headers[SchemaVersion] = manifest.SchemaVersion;
        headers[GeneratedAt] = Timestamp(manifest.GeneratedAt);
        headers[Filters] = JsonSerializer.Serialize(manifest.FiltersApplied);
        headers[Sort] = query.Sort + (query.Descending ? " desc" : " asc");
        headers[MaxRows] = maxRows.ToString(CultureInfo.InvariantCulture);
    }

    public static void Quota(HttpResponse response, QuotaDecision quota)
    {
        response.Headers[QuotaLimit] = quota.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[QuotaRemaining] = quota.Remaining.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The download's name, e.g. <c>opentabletop-games-20260312T083000Z.jsonl</c>.</summary>
    public static void Attachment(HttpResponse response, ExportManifest manifest)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"opentabletop-games-{manifest.GeneratedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.{manifest.Format}");
        response.Headers.ContentDisposition = disposition.ToString();
    }

    public static void RetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime utc) => utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
