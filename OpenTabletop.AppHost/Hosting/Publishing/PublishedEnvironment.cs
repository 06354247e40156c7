using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>
/// The environment a project is deployed with, as manifest expressions: Aspire's publish-mode
/// telemetry settings, then its references. No OTLP endpoint (the cluster's collector is the
/// operator's to name) and no values computed at launch (ports, local URLs, a developer's seed
/// settings), which belong to run mode.
/// </summary>
public static class PublishedEnvironment
{
    /// <summary>
    /// Aspire also writes ASPNETCORE_FORWARDEDHEADERS_ENABLED=true for projects with endpoints. We do not:
    /// it makes ASP.NET Core run the forwarded-headers middleware even when TRUSTED_PROXIES names no proxy,
    /// and with no known proxy that middleware believes every X-Forwarded-For, so any caller could choose
    /// its rate-limit bucket. Deployments behind a proxy set TRUSTED_PROXIES instead.
    /// </summary>
    public static IReadOnlyList<string> Withheld { get; } = ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"];

    /// <summary>The same for every project, in Aspire's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Telemetry { get; } =
    [
        new("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES", "true"),
        new("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES", "true"),
        new("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory"),
    ];

    public static IEnumerable<KeyValuePair<string, string>> Of(ProjectResource project)
    {
        foreach (var pair in Telemetry)
        {
            yield return pair;
        }

        foreach (var reference in project.Annotations.OfType<ConnectionStringReferenceAnnotation>())
        {
            yield return new($"ConnectionStrings__{reference.ConnectionName}", ManifestExpressions.ConnectionStringOf(reference.Resource));
        }

        foreach (var reference in project.Annotations.OfType<ServiceReferenceAnnotation>())
        {
            foreach (var endpoint in reference.Project.Annotations.OfType<EndpointAnnotation>())
            {
                yield return new($"services__{reference.Project.Name}__{endpoint.Name}__0", ManifestExpressions.Binding(reference.Project, endpoint.Name, "url"));
            }
        }

        foreach (var secret in project.Annotations.OfType<DeploymentSecretAnnotation>())
        {
            yield return new(secret.EnvironmentVariable, ManifestExpressions.Value(secret.ParameterName));
        }
    }
}
