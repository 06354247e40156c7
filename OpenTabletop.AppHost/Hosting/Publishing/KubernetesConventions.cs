using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>Names, labels and the shared settings every generated object agrees on.</summary>
public static class KubernetesConventions
{
    public const string PartOf = "opentabletop";
    public const string ConfigMapName = "opentabletop-config";

    /// <summary>The Secret the operator creates; its keys are the variables the services read (README lists them).</summary>
    public const string SecretName = "opentabletop-secrets";

    /// <summary>The chiseled .NET images' non-root "app" user.</summary>
    public const int AppUserId = 1654;

    /// <summary>The port ASP.NET Core listens on in the .NET container images.</summary>
    public const int HttpPort = 8080;

    /// <summary>Seconds a service keeps answering after SIGTERM with /readyz at 503, so endpoints drop it before it stops listening.</summary>
    public const int DrainDelaySeconds = 5;

    /// <summary>The services' DRAIN_TIMEOUT_SECONDS default; the grace period must outlast it.</summary>
    public const int DrainTimeoutSeconds = 25;

    /// <summary>Above the drain timeout, so the kubelet never kills a pod that is still finishing requests.</summary>
    public const int TerminationGracePeriodSeconds = 40;

    /// <summary>The ServiceDefaults' liveness path: the process alone, so a database outage never restarts pods.</summary>
    public const string LivenessPath = "/healthz";

    public static string ObjectName(IResource resource) => $"{PartOf}-{resource.Name}";

    /// <summary>The programs this one waits to see complete (WaitForCompletion): init containers in the cluster.</summary>
    public static IEnumerable<ProjectResource> CompletionDependencies(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>()
            .Where(wait => wait.WaitType == WaitType.WaitForCompletion)
            .Select(wait => wait.Resource)
            .OfType<ProjectResource>();

    public static OrderedDictionary<string, object?> Labels(IResource resource) => YamlFile.Map(
        ("app.kubernetes.io/name", resource.Name),
        ("app.kubernetes.io/part-of", PartOf));

    public static OrderedDictionary<string, object?> Metadata(IResource resource) => YamlFile.Map(
        ("name", ObjectName(resource)),
        ("labels", Labels(resource)));

    /// <summary>Plain settings shared by every service; secrets never go here.</summary>
    public static OrderedDictionary<string, object?> ConfigMap()
    {
        var data = YamlFile.Map(
            ("ASPNETCORE_ENVIRONMENT", "Production"),
            ("DOTNET_ENVIRONMENT", "Production"),
            ("DRAIN_TIMEOUT_SECONDS", DrainTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("LOG_FORMAT", "json"),
            // Empty: X-Forwarded-For is ignored until the operator names the ingress controller's addresses.
            ("TRUSTED_PROXIES", ""));
        foreach (var (name, value) in PublishedEnvironment.Telemetry)
        {
            data.Add(name, value);
        }

        return YamlFile.Map(
            ("apiVersion", "v1"),
            ("kind", "ConfigMap"),
            ("metadata", YamlFile.Map(("name", ConfigMapName), ("labels", YamlFile.Map(("app.kubernetes.io/part-of", PartOf))))),
            ("data", data));
    }
}
