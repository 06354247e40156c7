using OpenTabletop.AppHost.Hosting.ApplicationModel;
using static OpenTabletop.AppHost.Hosting.Publishing.YamlFile;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>
/// Writes a kustomize base for clusters without azd or aspirate, from the same model as the manifest:
/// a project others WaitForCompletion on becomes a Job (and an init container of each waiter); a
/// project with endpoints a Deployment with probes, a Service, and when external an Ingress, a
/// HorizontalPodAutoscaler and a PodDisruptionBudget; any other project a worker Deployment, with its
/// CronJob alternative as an optional kustomize component. PostgreSQL and the cache are not deployed:
/// the services reach them through connection strings in the operator's Secret.
/// </summary>
public static class KubernetesPublisher
{
    public const string Name = "kubernetes";

    public static async Task<IReadOnlyList<GeneratedFile>> WriteAsync(
        DistributedApplicationModel model, string outputDirectory, KubernetesPublishOptions options, CancellationToken cancellationToken)
    {
        var files = Render(model, options);
        foreach (var file in files)
        {
            var path = Path.Combine(outputDirectory, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content, cancellationToken);
        }

        return files;
    }

    public static IReadOnlyList<GeneratedFile> Render(DistributedApplicationModel model, KubernetesPublishOptions options)
    {
        var pods = new KubernetesPodSpecs(options);
        var projects = new List<ProjectResource>();
        var files = new List<GeneratedFile> { Create("configmap.yaml", KubernetesConventions.ConfigMap()) };
        var components = new List<GeneratedFile>();
        foreach (var resource in model.Resources)
        {
            switch (resource)
            {
                case ServerResource or PostgresDatabaseResource:
                    // Provided by the operator (a managed PostgreSQL, a Redis): only their connection strings travel, in the Secret.
                    continue;
                case ProjectResource project when IsAwaitedToCompletion(model, project):
                    projects.Add(project);
                    files.Add(Create($"{project.Name}-job.yaml", KubernetesWorkloads.Job(project, pods)));
                    break;
                case ProjectResource project:
                    projects.Add(project);
                    files.Add(Create($"{project.Name}-deployment.yaml", KubernetesWorkloads.Deployment(project, pods)));
                    if (project.Annotations.OfType<EndpointAnnotation>().Any())
                    {
                        files.Add(Create($"{project.Name}-service.yaml", KubernetesNetworking.Service(project)));
                    }

                    if (project.Annotations.OfType<ExternalEndpointsAnnotation>().Any())
                    {
                        files.Add(Create($"{project.Name}-ingress.yaml", KubernetesNetworking.Ingress(project)));
                        files.Add(Create($"{project.Name}-hpa.yaml", KubernetesNetworking.HorizontalPodAutoscaler(project)));
                        files.Add(Create($"{project.Name}-pdb.yaml", KubernetesNetworking.PodDisruptionBudget(project)));
                    }

                    if (project.Annotations.OfType<CronJobAlternativeAnnotation>().FirstOrDefault() is { } cron)
                    {
                        components.AddRange(CronJobComponent(project, cron, pods, options));
                    }

                    break;
                default:
                    throw new DistributedApplicationException(
                        $"'{resource.Name}' ({resource.GetType().Name}) cannot be published to Kubernetes: only projects become workloads.");
            }
        }

        files.Insert(0, Create("kustomization.yaml", Kustomization(files.Select(f => f.RelativePath), projects, options)));
        return [.. files, .. components];
    }

    /// <summary>WaitForCompletion names a program that runs and exits: in a cluster, a Job.</summary>
    private static bool IsAwaitedToCompletion(DistributedApplicationModel model, ProjectResource project) =>
        model.Resources.Any(other => KubernetesConventions.CompletionDependencies(other).Contains(project));

    /// <summary>
    /// The images are listed for kustomize so a release sets the real registry and commit without
    /// editing a manifest: <c>kustomize edit set image opentabletop-api=REGISTRY/opentabletop-api:SHA</c>.
    /// </summary>
    private static OrderedDictionary<string, object?> Kustomization(IEnumerable<string> resources, IReadOnlyList<ProjectResource> projects, KubernetesPublishOptions options) => Map(
        ("apiVersion", "kustomize.config.k8s.io/v1beta1"),
        ("kind", "Kustomization"),
        ("resources", resources.ToArray()),
        ("images", Images(projects, options)));

    private static object[] Images(IEnumerable<ProjectResource> projects, KubernetesPublishOptions options) =>
        projects.Select(project => (object)Map(
            ("name", KubernetesPublishOptions.ImageName(project.Name)),
            ("newName", options.ImageRegistry is null ? null : options.ImageRepository(project.Name)),
            ("newTag", options.ImageTag))).ToArray();

    /// <summary>
    /// components/&lt;project&gt;-cronjob: adds the CronJob and deletes the worker Deployment, so an overlay
    /// that lists it runs the project on a schedule instead of keeping it running. It names its images
    /// again because the base's image settings apply only to the base's own objects.
    /// </summary>
    private static IEnumerable<GeneratedFile> CronJobComponent(ProjectResource project, CronJobAlternativeAnnotation cron, KubernetesPodSpecs pods, KubernetesPublishOptions options)
    {
        var folder = $"components/{project.Name}-cronjob";
        var imagesUsed = KubernetesConventions.CompletionDependencies(project).Append(project);
        yield return Create($"{folder}/kustomization.yaml", Map(
            ("apiVersion", "kustomize.config.k8s.io/v1alpha1"),
            ("kind", "Component"),
            ("resources", List("cronjob.yaml")),
            ("patches", List(Map(("path", "delete-deployment.yaml")))),
            ("images", Images(imagesUsed, options))));
        yield return Create($"{folder}/cronjob.yaml", KubernetesWorkloads.CronJob(project, cron, pods));
        yield return Create($"{folder}/delete-deployment.yaml", Map(
            ("$patch", "delete"),
            ("apiVersion", "apps/v1"),
            ("kind", "Deployment"),
            ("metadata", Map(("name", KubernetesConventions.ObjectName(project))))));
    }
}
