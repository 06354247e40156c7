using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenTabletop.ServiceDefaults;

internal static class HealthEndpoints
{
    /// <summary>
    /// /healthz: the process is alive (no dependency checks, so a database outage never restarts pods).
    /// /readyz: every check tagged ready; 503 with a JSON body naming the failing checks otherwise.
    /// /health and /alive are Aspire's names for the same two, kept for tools that expect them.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var live = new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Live), ResponseWriter = WriteJson };
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteJson };
        endpoints.MapHealthChecks("/healthz", live).DisableHttpMetrics();
        endpoints.MapHealthChecks("/alive", live).DisableHttpMetrics();
        endpoints.MapHealthChecks("/readyz", ready).DisableHttpMetrics();
        endpoints.MapHealthChecks("/health", ready).DisableHttpMetrics();
        return endpoints;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var now = DateTimeOffset.UtcNow;
        var body = new HealthResponse(
            Status: report.Status == HealthStatus.Healthy ? "ok" : report.Status.ToString().ToLowerInvariant(),
            Version: BuildVersion.Value,
            UptimeSeconds: (long)(now - Started).TotalSeconds,
            Timestamp: now,
            Checks: report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckEntry(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description ?? e.Value.Exception?.Message)));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Options, context.RequestAborted);
    }

    private static readonly DateTimeOffset Started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
}

/// <summary>
/// The build's git commit: the SDK writes it into the informational version ("1.0.0+&lt;sha&gt;"). A
/// build outside a git checkout (a container context without .git) says so, unless BUILD_VERSION names it.
/// </summary>
public static class BuildVersion
{
    public static readonly string Value = Resolve();

    private static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("BUILD_VERSION") is { Length: > 0 } given) return given;
        var informational = System.Reflection.Assembly.GetEntryAssembly()?
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        var plus = informational?.IndexOf('+') ?? -1;
        return plus >= 0 ? informational![(plus + 1)..] : "unknown";
    }
}

internal sealed record HealthResponse(string Status, string Version, long UptimeSeconds, DateTimeOffset Timestamp, IReadOnlyDictionary<string, HealthCheckEntry> Checks);

internal sealed record HealthCheckEntry(string Status, string? Description);

internal static class HealthJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
