using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;
using OpenTabletop.AppHost.Hosting.Logging;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Api;

public sealed record ConsoleLines(string Resource, long Next, IReadOnlyList<ResourceLogLine> Lines);

public sealed record TraceList(int Count, IReadOnlyList<TraceSummary> Traces);

public sealed record LogList(int Count, IReadOnlyList<LogRecordView> Logs);

/// <summary>The JSON behind the pages: what the browser polls, and what tests assert on without one.</summary>
internal static class DashboardApi
{
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/resources", (ResourceViews resources) => TypedResults.Ok(resources.All()));

        api.MapGet("/resources/{name}/console", Results<Ok<ConsoleLines>, NotFound> (string name, long? after, int? limit, string? q, ResourceViews resources, ResourceLoggerService logs) =>
        {
            if (resources.Find(name) is not { } resource)
            {
                return TypedResults.NotFound();
            }

            var lines = logs.GetLog(resource.Name).ReadAfter(after ?? 0, Limit(limit, 500));
            var next = lines.Count > 0 ? lines[^1].Number : after ?? 0;
            IReadOnlyList<ResourceLogLine> matching = q is { Length: > 0 } ? [.. lines.Where(l => l.Text.Contains(q, StringComparison.OrdinalIgnoreCase))] : lines;
            return TypedResults.Ok(new ConsoleLines(resource.Name, next, matching));
        });

        api.MapGet("/logs", (string? resource, string? level, string? traceId, string? q, int? limit, TelemetryStore store) =>
        {
            var logs = store.Logs.Query(Blank(resource), LogStore.MinSeverity(level), Blank(traceId), Blank(q), Limit(limit, 200));
            return TypedResults.Ok(new LogList(logs.Count, logs));
        });

        api.MapGet("/traces", (string? resource, string? q, int? limit, bool? hideLoneSpans, TelemetryStore store) =>
        {
            var traces = store.Traces.List(Blank(resource), Blank(q), Limit(limit, 100), hideLoneSpans ?? false);
            return TypedResults.Ok(new TraceList(traces.Count, traces));
        });

        api.MapGet("/traces/{traceId}", Results<Ok<TraceDetail>, NotFound> (string traceId, TelemetryStore store) =>
            store.Traces.Get(traceId) is { } trace ? TypedResults.Ok(trace) : TypedResults.NotFound());

        api.MapGet("/metrics", (int? windowSeconds, TelemetryStore store, TimeProvider time) =>
            TypedResults.Ok(MetricSummaries.Overview(store.Metrics, TimeSpan.FromSeconds(Math.Clamp(windowSeconds ?? 300, 10, 86400)), time.GetUtcNow())));

        api.MapGet("/limits", (TelemetryStore store) => TypedResults.Ok(store.Limits));

        return endpoints;
    }

    private static int Limit(int? requested, int defaultLimit) => Math.Clamp(requested ?? defaultLimit, 1, MaxLimit);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
