using System.Globalization;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using static OpenTabletop.AppHost.Hosting.Publishing.YamlFile;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>
/// Pod templates for the projects: non-root, read-only root filesystem, no service-account token,
/// settings from the ConfigMap, secrets by reference, and for each WaitForCompletion dependency an
/// init container that runs that program to completion first (the manifest cannot say "after").
/// </summary>
public sealed class KubernetesPodSpecs(KubernetesPublishOptions options)
{
    public OrderedDictionary<string, object?> Template(ProjectResource project, PodRole role, IReadOnlyList<string> arguments) => Map(
        ("metadata", Map(("labels", KubernetesConventions.Labels(project)))),
        ("spec", PodSpec(project, role, arguments)));

    private OrderedDictionary<string, object?> PodSpec(ProjectResource project, PodRole role, IReadOnlyList<string> arguments)
    {
        var initContainers = KubernetesConventions.CompletionDependencies(project)
            .Select(dependency => (object)Container(dependency, PodRole.RunToCompletion, [], $"wait-for-{dependency.Name}"))
            .ToArray();
        return Map(
            ("automountServiceAccountToken", false),
            ("terminationGracePeriodSeconds", KubernetesConventions.TerminationGracePeriodSeconds),
            ("restartPolicy", role == PodRole.Service ? null : "Never"),
            ("securityContext", Map(
                ("runAsNonRoot", true),
                ("runAsUser", KubernetesConventions.AppUserId),
                ("runAsGroup", KubernetesConventions.AppUserId),
                ("fsGroup", KubernetesConventions.AppUserId),
                ("seccompProfile", Map(("type", "RuntimeDefault"))))),
            ("initContainers", initContainers.Length > 0 ? initContainers : null),
            ("containers", List(Container(project, role, arguments, project.Name))),
            // The only writable place: .NET's diagnostics socket and temporary files.
            ("volumes", List(Map(("name", "tmp"), ("emptyDir", Map(("sizeLimit", "64Mi")))))));
    }

    private OrderedDictionary<string, object?> Container(ProjectResource project, PodRole role, IReadOnlyList<string> arguments, string name)
    {
        var web = role == PodRole.Service && project.Annotations.OfType<EndpointAnnotation>().Any();
        return Map(
            ("name", name),
            ("image", $"{KubernetesPublishOptions.ImageName(project.Name)}:{options.ImageTag}"),
            ("args", arguments.Count > 0 ? arguments.ToArray() : null),
            ("ports", web ? List(Map(("name", "http"), ("containerPort", KubernetesConventions.HttpPort), ("protocol", "TCP"))) : null),
            ("envFrom", List(Map(("configMapRef", Map(("name", KubernetesConventions.ConfigMapName)))))),
            ("env", Environment(project, web)),
            ("resources", Resources(role, web)),
            ("startupProbe", web ? Probe(KubernetesConventions.LivenessPath, periodSeconds: 2, failureThreshold: 30) : null),
            ("livenessProbe", web ? Probe(KubernetesConventions.LivenessPath, periodSeconds: 10, failureThreshold: 3) : null),
            ("readinessProbe", web ? Probe(ReadinessPath(project), periodSeconds: 5, failureThreshold: 2) : null),
            ("securityContext", Map(
                ("allowPrivilegeEscalation", false),
                ("readOnlyRootFilesystem", true),
                ("capabilities", Map(("drop", List("ALL")))))),
            ("volumeMounts", List(Map(("name", "tmp"), ("mountPath", "/tmp")))));
    }

    /// <summary>The resource's health check (the Api's /readyz: database reachable, schema at the expected version, not draining).</summary>
    private static string ReadinessPath(ProjectResource project) =>
        project.Annotations.OfType<HttpHealthCheckAnnotation>().FirstOrDefault()?.Path ?? KubernetesConventions.LivenessPath;

    private static object[] Environment(ProjectResource project, bool web)
    {
        var variables = new List<object> { Map(("name", "OTEL_SERVICE_NAME"), ("value", project.Name)) };
        if (web)
        {
            variables.Add(Map(("name", "ASPNETCORE_HTTP_PORTS"), ("value", KubernetesConventions.HttpPort.ToString(CultureInfo.InvariantCulture))));
            // Kubernetes takes a terminating pod out of the Service's endpoints asynchronously; keep answering meanwhile.
            // (A preStop sleep would need a shell, which the chiseled images do not have.)
            variables.Add(Map(("name", "DRAIN_DELAY_SECONDS"), ("value", KubernetesConventions.DrainDelaySeconds.ToString(CultureInfo.InvariantCulture))));
        }

        foreach (var reference in project.Annotations.OfType<ConnectionStringReferenceAnnotation>())
        {
            // The cache is an accelerator: a deployment without one still works, so its key may be absent.
            variables.Add(SecretVariable($"ConnectionStrings__{reference.ConnectionName}", optional: reference.Resource is RedisResource));
        }

        foreach (var secret in project.Annotations.OfType<DeploymentSecretAnnotation>())
        {
            variables.Add(SecretVariable(secret.EnvironmentVariable, optional: false));
        }

        return [.. variables];
    }

    private static OrderedDictionary<string, object?> SecretVariable(string name, bool optional) => Map(
        ("name", name),
        ("valueFrom", Map(("secretKeyRef", Map(
            ("name", KubernetesConventions.SecretName),
            ("key", name),
            ("optional", optional ? true : null))))));

    private static OrderedDictionary<string, object?> Probe(string path, int periodSeconds, int failureThreshold) => Map(
        ("httpGet", Map(("path", path), ("port", "http"))),
        ("periodSeconds", periodSeconds),
        ("timeoutSeconds", 3),
        ("failureThreshold", failureThreshold));

    /// <summary>
    /// The Api holds the in-memory game index (about 115 MB per 100,000 games) besides its caches; the
    /// workers' heavy lifting happens in PostgreSQL.
    /// </summary>
    private static OrderedDictionary<string, object?> Resources(PodRole role, bool web) => (role, web) switch
    {
        (PodRole.Service, true) => Quantities("250m", "512Mi", "2", "1Gi"),
        (PodRole.Service, false) => Quantities("100m", "256Mi", "1", "512Mi"),
        _ => Quantities("100m", "256Mi", "1", "1Gi"),
    };

    private static OrderedDictionary<string, object?> Quantities(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) => Map(
        ("requests", Map(("cpu", cpuRequest), ("memory", memoryRequest))),
        ("limits", Map(("cpu", cpuLimit), ("memory", memoryLimit))));
}

/// <summary>How a project runs in the cluster.</summary>
public enum PodRole
{
    /// <summary>Long-running (a Deployment).</summary>
    Service,

    /// <summary>Runs once and exits (a Job, a CronJob's run, an init container).</summary>
    RunToCompletion,
}
