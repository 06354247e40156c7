namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

public enum WaitType
{
    /// <summary>Wait until the dependency runs and, if it has health checks, is healthy.</summary>
    WaitUntilHealthy,

    /// <summary>Wait until the dependency has run to completion with the expected exit code.</summary>
    WaitForCompletion,
}

public sealed record WaitAnnotation(IResource Resource, WaitType WaitType, int ExitCode = 0) : IResourceAnnotation;

/// <summary>Gives the annotated resource <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public sealed record ConnectionStringReferenceAnnotation(IResourceWithConnectionString Resource, string ConnectionName) : IResourceAnnotation;

/// <summary>Gives the annotated resource <c>services__&lt;project&gt;__&lt;endpoint&gt;__0</c> for each of the project's endpoints.</summary>
public sealed record ServiceReferenceAnnotation(ProcessResource Project) : IResourceAnnotation;

/// <summary>Reports the resource healthy once GET <see cref="Path"/> on the endpoint answers <see cref="StatusCode"/>.</summary>
public sealed record HttpHealthCheckAnnotation(string Path, int StatusCode = 200, string EndpointName = "http") : IResourceAnnotation;

public sealed class EnvironmentCallbackContext(IReadOnlyDictionary<string, string> computed)
{
    /// <summary>What the orchestrator already computed (connection strings, OTel, URLs), for reference.</summary>
    public IReadOnlyDictionary<string, string> Computed { get; } = computed;

    public Dictionary<string, string> EnvironmentVariables { get; } = new(StringComparer.Ordinal);
}

/// <summary>Adds environment variables when the resource is launched, so values can depend on run-time state.</summary>
public sealed record EnvironmentCallbackAnnotation(Action<EnvironmentCallbackContext> Callback) : IResourceAnnotation;

/// <summary>Marks the resource's endpoints as reachable from outside the application (the public API).</summary>
public sealed record ExternalEndpointsAnnotation : IResourceAnnotation;

public sealed record ResourceReadyEvent(IResource Resource, IServiceProvider Services);

/// <summary>Runs once the resource is healthy (for example, to print where it can be reached).</summary>
public sealed record ResourceReadyCallbackAnnotation(Func<ResourceReadyEvent, CancellationToken, Task> Callback) : IResourceAnnotation;

/// <summary>
/// A secret the resource needs only when deployed (run mode has a development default): published as a
/// secret parameter in the manifest, and as a reference into the operator's Secret in Kubernetes.
/// </summary>
/// <param name="EnvironmentVariable">What the service reads, e.g. API_KEY_SALT.</param>
/// <param name="ParameterName">The manifest's parameter.v0 resource, e.g. api-key-salt.</param>
/// <param name="GeneratedMinLength">Length of the value a deployment tool generates when none is given.</param>
public sealed record DeploymentSecretAnnotation(string EnvironmentVariable, string ParameterName, int GeneratedMinLength) : IResourceAnnotation;

/// <summary>
/// Offers a Kubernetes CronJob running the project with <see cref="Arguments"/> on <see cref="Schedule"/>
/// as an optional replacement for its long-running Deployment (the Kubernetes publisher's component).
/// </summary>
public sealed record CronJobAlternativeAnnotation(string Schedule, IReadOnlyList<string> Arguments) : IResourceAnnotation;
