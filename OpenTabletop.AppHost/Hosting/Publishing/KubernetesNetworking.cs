using OpenTabletop.AppHost.Hosting.ApplicationModel;
using static OpenTabletop.AppHost.Hosting.Publishing.YamlFile;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>Service, Ingress, autoscaling and disruption budget for a project with endpoints.</summary>
public static class KubernetesNetworking
{
    public static OrderedDictionary<string, object?> Service(ProjectResource project) => Map(
        ("apiVersion", "v1"),
        ("kind", "Service"),
        ("metadata", KubernetesConventions.Metadata(project)),
        ("spec", Map(
            ("selector", KubernetesConventions.Labels(project)),
            ("ports", List(Map(("name", "http"), ("port", 80), ("targetPort", "http"), ("protocol", "TCP")))))));

    /// <summary>No host and no class: the operator's overlay names them (TLS ends at the ingress controller).</summary>
    public static OrderedDictionary<string, object?> Ingress(ProjectResource project) => Map(
        ("apiVersion", "networking.k8s.io/v1"),
        ("kind", "Ingress"),
        ("metadata", KubernetesConventions.Metadata(project)),
        ("spec", Map(
            ("rules", List(Map(("http", Map(("paths", List(Map(
                ("path", "/"),
                ("pathType", "Prefix"),
                ("backend", Map(("service", Map(
                    ("name", KubernetesConventions.ObjectName(project)),
                    ("port", Map(("name", "http"))))))))))))))))));

    public static OrderedDictionary<string, object?> HorizontalPodAutoscaler(ProjectResource project) => Map(
        ("apiVersion", "autoscaling/v2"),
        ("kind", "HorizontalPodAutoscaler"),
        ("metadata", KubernetesConventions.Metadata(project)),
        ("spec", Map(
            ("scaleTargetRef", Map(("apiVersion", "apps/v1"), ("kind", "Deployment"), ("name", KubernetesConventions.ObjectName(project)))),
            ("minReplicas", 2),
            ("maxReplicas", 10),
            ("metrics", List(Map(
                ("type", "Resource"),
                ("resource", Map(("name", "cpu"), ("target", Map(("type", "Utilization"), ("averageUtilization", 70)))))))))));

    /// <summary>With at least two replicas, a node drain always leaves one serving.</summary>
    public static OrderedDictionary<string, object?> PodDisruptionBudget(ProjectResource project) => Map(
        ("apiVersion", "policy/v1"),
        ("kind", "PodDisruptionBudget"),
        ("metadata", KubernetesConventions.Metadata(project)),
        ("spec", Map(
            ("minAvailable", 1),
            ("selector", Map(("matchLabels", KubernetesConventions.Labels(project)))))));
}
