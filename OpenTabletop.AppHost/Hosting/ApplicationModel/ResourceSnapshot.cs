using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>What is known about a resource at one moment.</summary>
public sealed record ResourceSnapshot
{
    public string State { get; init; } = KnownResourceStates.NotStarted;

    /// <summary>Null until a resource with health checks has been checked; resources without checks are healthy when running.</summary>
    public HealthStatus? HealthStatus { get; init; }

    public int? ExitCode { get; init; }

    public int? ProcessId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>Why it failed, for FailedToStart.</summary>
    public string? Error { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];
}

public sealed record ResourceEvent(IResource Resource, ResourceSnapshot Snapshot)
{
    public string ResourceName => Resource.Name;
}
