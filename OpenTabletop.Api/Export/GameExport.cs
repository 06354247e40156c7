using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;

namespace OpenTabletop.Api.Export;

/// <summary>
/// The steps of an export, cheapest refusal first, so that a refused export writes nothing and costs
/// the caller nothing: the filters' names (422), a free slot on this replica (503), the caller's quota
/// (429), then the snapshot and its count (422 past EXPORT_MAX_ROWS, giving the quota back). Only then
/// does anything stream.
/// </summary>
internal static class GameExport
{
    public static async Task<Results<ExportStream, ProblemHttpResult>> StartAsync(
        ExportQuery query, HttpContext context, ExportServices services, CancellationToken ct)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var format = query.Format;
        var (references, unknown) = await ResolveAsync(query, services, ct);
        if (unknown.Count > 0)
        {
            services.Metrics.Refused(format, "invalid");
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "A filter names something that does not exist.", unknown);
        }

        var slot = services.Slots.TryTake();
        if (slot is null)
        {
            services.Metrics.Refused(format, "busy");
            ExportHeaders.RetryAfter(context.Response, ExportSlots.RetryAfter);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable,
                $"This server is already streaming {services.Settings.MaxConcurrent} exports; try again in a few seconds.");
        }

        ExportSnapshot? snapshot = null;
        QuotaDecision? quota = null;
        try
        {
            quota = await services.Quota.ReserveAsync(context.GetApiClient().LimitKey, ct);
            ExportHeaders.Quota(context.Response, quota);
            if (!quota.Granted)
            {
                slot.Dispose();
                services.Metrics.Refused(format, "rate_limited");
                ExportHeaders.RetryAfter(context.Response, quota.RetryAfter);
                return Problems.Create(StatusCodes.Status429TooManyRequests,
                    $"You have used the export quota of {quota.Limit} exports per hour; the next one is possible in {RetryText(quota.RetryAfter)}.");
            }

            var max = services.Settings.MaxRows;
            var sql = ExportSql.For(query, references, max);
            (snapshot, var count, var at) = await services.Reads.ReadAsync((source, token) => ExportSnapshot.CountedAsync(source, sql, token), ct);
            if (count > max)
            {
                await RefuseAsync(snapshot, slot, quota, services);
                services.Metrics.Refused(format, "too_many_rows");
                return TooManyRows(max);
            }

            var manifest = new ExportManifest(format.Name, count, ExportManifest.CurrentSchemaVersion, Truncated(at), FilterSummaryText.Describe(query.Filters));
            var stream = new ExportStream(query, manifest, sql, snapshot, slot, quota, services, startedAt);
            // Should the result never run (the request ends first), the snapshot and the slot are still given back.
            context.Response.RegisterForDisposeAsync(stream);
            return stream;
        }
        catch (Exception e)
        {
            await RefuseAsync(snapshot, slot, quota, services);
            if (e is NpgsqlException { IsTransient: true } && !ct.IsCancellationRequested)
            {
                services.Metrics.Refused(format, "failed");
                ExportHeaders.RetryAfter(context.Response, TimeSpan.FromSeconds(30));
                return DatabaseUnavailable();
            }
            throw;
        }
    }

    /// <summary>GET /v1/export/manifest: what an export with these parameters would hold, counted exactly; no quota is used.</summary>
    public static async Task<Results<Ok<ExportManifest>, ProblemHttpResult>> ManifestAsync(
        ExportQuery query, HttpContext context, ExportServices services, CancellationToken ct)
    {
        var (references, unknown) = await ResolveAsync(query, services, ct);
        if (unknown.Count > 0) return Problems.Create(StatusCodes.Status422UnprocessableEntity, "A filter names something that does not exist.", unknown);

        var sql = ExportSql.For(query, references, maxRows: null);
        var (snapshot, count, at) = await services.Reads.ReadAsync((source, token) => ExportSnapshot.CountedAsync(source, sql, token), ct);
        // The manifest needs the count only: the snapshot ends here.
        await snapshot.DisposeAsync();
        var manifest = new ExportManifest(query.Format.Name, count, ExportManifest.CurrentSchemaVersion, Truncated(at), FilterSummaryText.Describe(query.Filters));
        ExportHeaders.Describe(context.Response, manifest, query, services.Settings.MaxRows);
        return TypedResults.Ok(manifest);
    }

    private static Task<(FilterReferences References, List<FieldError> Unknown)> ResolveAsync(
        ExportQuery query, ExportServices services, CancellationToken ct) =>
        services.Reads.ReadAsync((source, token) => FilterReferenceResolver.ResolveAsync(source, query.Filters, field => field, token), ct);

    public static ProblemHttpResult DatabaseUnavailable() =>
        Problems.Create(StatusCodes.Status503ServiceUnavailable, "The database is not answering; try the export again shortly.");

    /// <summary>Too large: refused before any row, with what to do about it (SPEC-DECISIONS "Errors": unprocessable).</summary>
    private static ProblemHttpResult TooManyRows(int max)
    {
        var problem = Problems.Create(StatusCodes.Status422UnprocessableEntity,
            $"The filters match more than {max:N0} games, the most one export holds. Narrow the filters (for example by year_min/year_max " +
            "or type) and export the parts separately; GET /v1/export/manifest counts a filter set without exporting it.",
            [new FieldError("filters", $"More than {max:N0} games match.", "too_many_rows")]);
        problem.ProblemDetails.Extensions["max_rows"] = max;
        return problem;
    }

    private static async Task RefuseAsync(ExportSnapshot? snapshot, IDisposable slot, QuotaDecision? quota, ExportServices services)
    {
        if (snapshot is not null) await snapshot.DisposeAsync();
        slot.Dispose();
        if (quota?.Reservation is { } reservation) await services.Quota.TryReleaseAsync(reservation, services.Logger);
    }

    /// <summary>Whole seconds: the manifest's and the headers' timestamp, e.g. 2026-03-12T08:30:00Z.</summary>
    private static DateTime Truncated(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string RetryText(TimeSpan wait) => wait.TotalMinutes >= 1
        ? $"{Math.Ceiling(wait.TotalMinutes):0} minutes"
        : $"{Math.Ceiling(wait.TotalSeconds):0} seconds";
}
