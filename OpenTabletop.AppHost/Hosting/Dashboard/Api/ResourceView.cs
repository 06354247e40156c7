namespace OpenTabletop.AppHost.Hosting.Dashboard.Api;

/// <summary>A resource as the resources page shows it.</summary>
public sealed record ResourceView(
    string Name,
    string Kind,
    string State,
    string? Health,
    IReadOnlyList<string> Endpoints,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    int? ExitCode,
    int Restarts,
    int? ProcessId,
    string? Provider,
    string? Parent,
    string? Error);
