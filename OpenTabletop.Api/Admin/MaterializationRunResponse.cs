using System.Text.Json;
using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Admin;

/// <summary>A Materializer run as <c>materialization_runs</c> records it: status, timings and, per step, its duration and row count.</summary>
public sealed record MaterializationRunResponse(
    Guid Id, string Trigger, string Status, string? RequestedBy, DateTime RequestedAt, DateTime? StartedAt, DateTime? FinishedAt,
    long? DurationMs, JsonElement Steps, string? Error,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The newest runs first.</summary>
public sealed record MaterializationRunsResponse(
    IReadOnlyList<MaterializationRunResponse> Data,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);
