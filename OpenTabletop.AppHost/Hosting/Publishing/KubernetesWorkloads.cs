using OpenTabletop.AppHost.Hosting.ApplicationModel;
using static OpenTabletop.AppHost.Hosting.Publishing.YamlFile;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>Deployments, the migration Job and the CronJob alternative.</summary>
public static class KubernetesWorkloads
{
    public static OrderedDictionary<string, object?> Deployment(ProjectResource project, KubernetesPodSpecs pods)
    {
        var autoscaled = project.Annotations.OfType<ExternalEndpointsAnnotation>().Any();
        return Map(
            ("apiVersion", "apps/v1"),
            ("kind", "Deployment"),
            ("metadata", KubernetesConventions.Metadata(project)),
            ("spec", Map(
                // Left to the HorizontalPodAutoscaler when there is one, or every apply would reset it.
                ("replicas", autoscaled ? null : 1),
                ("revisionHistoryLimit", 5),
                ("selector", Map(("matchLabels", KubernetesConventions.Labels(project)))),
                // A new pod must be ready (for the Api: schema at the expected version) before an old one goes.
                ("strategy", Map(
                    ("type", "RollingUpdate"),
                    ("rollingUpdate", Map(("maxSurge", 1), ("maxUnavailable", 0))))),
                ("template", pods.Template(project, PodRole.Service, [])))));
    }

    /// <summary>
    /// Jobs are immutable: a release deletes the previous one (or lets ttlSecondsAfterFinished do it)
    /// before applying. Each retry is a new pod, so a failed attempt keeps its log.
    /// </summary>
    public static OrderedDictionary<string, object?> Job(ProjectResource project, KubernetesPodSpecs pods) => Map(
        ("apiVersion", "batch/v1"),
        ("kind", "Job"),
        ("metadata", KubernetesConventions.Metadata(project)),
        ("spec", Map(
            ("backoffLimit", 4),
            ("activeDeadlineSeconds", 3600),
            ("ttlSecondsAfterFinished", 3600),
            ("template", pods.Template(project, PodRole.RunToCompletion, [])))));

    /// <summary>One run at a time (the pipeline also takes an advisory lock); a missed night is run late rather than skipped.</summary>
    public static OrderedDictionary<string, object?> CronJob(ProjectResource project, CronJobAlternativeAnnotation cron, KubernetesPodSpecs pods) => Map(
        ("apiVersion", "batch/v1"),
        ("kind", "CronJob"),
        ("metadata", KubernetesConventions.Metadata(project)),
        ("spec", Map(
            ("schedule", cron.Schedule),
            ("timeZone", "Etc/UTC"),
            ("concurrencyPolicy", "Forbid"),
            ("startingDeadlineSeconds", 3600),
            ("successfulJobsHistoryLimit", 3),
            ("failedJobsHistoryLimit", 3),
            ("jobTemplate", Map(("spec", Map(
                ("backoffLimit", 2),
                ("template", pods.Template(project, PodRole.RunToCompletion, cron.Arguments)))))))));
}
