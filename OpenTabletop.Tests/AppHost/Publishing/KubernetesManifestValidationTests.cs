using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using OpenTabletop.AppHost.Hosting.Publishing;
using YamlDotNet.RepresentationModel;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>
/// The committed deploy/k8s objects against the Kubernetes API's own types: the official client
/// (KubernetesClient) deserializes each strictly, so an unknown or misplaced field fails, then the
/// rules that matter here are checked on the typed objects. The Kubernetes JSON schemas themselves
/// are not obtainable offline, so this stands in for a schema validation.
/// </summary>
public sealed partial class KubernetesManifestValidationTests
{
    private static string Folder => Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.KubernetesFolder);

    [Fact]
    public void EveryObjectDeserializesStrictlyIntoItsKubernetesType()
    {
        var objects = Objects().ToList();

        Assert.Equal(
            ["ConfigMap", "CronJob", "Deployment", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Job", "PodDisruptionBudget", "Service"],
            objects.Select(o => o.Kind).Order(StringComparer.Ordinal));
        Assert.All(objects, o => Assert.Equal(o.Kind, ((IKubernetesObject)o.Value).Kind));
    }

    [Fact]
    public void StrictReadingRejectsAnUnknownFieldSoTheCheckIsReal()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "api-deployment.yaml")).Replace("  revisionHistoryLimit: 5", "  revisionHistoryLimit: 5\n  waitFor: migrations", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => KubernetesYaml.Deserialize<V1Deployment>(text, strict: true));
    }

    [Fact]
    public void ApiRollsWithoutLosingCapacityProbesHealthAndDrainsWithinItsGracePeriod()
    {
        var api = Read<V1Deployment>("api-deployment.yaml");
        var pod = api.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal("RollingUpdate", api.Spec.Strategy.Type);
        Assert.Equal("0", api.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Null(api.Spec.Replicas);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("http", container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(8080, Assert.Single(container.Ports).ContainerPort);
        Assert.True(pod.TerminationGracePeriodSeconds > KubernetesConventions.DrainTimeoutSeconds + KubernetesConventions.DrainDelaySeconds);
        Assert.Equal("5", Variable(container, "DRAIN_DELAY_SECONDS").Value);
        Assert.Equal("25", Read<V1ConfigMap>("configmap.yaml").Data["DRAIN_TIMEOUT_SECONDS"]);
        Assert.NotNull(container.Resources.Requests["cpu"]);
        Assert.NotNull(container.Resources.Limits["memory"]);
    }

    [Fact]
    public void EveryPodRunsAsNonRootOnAReadOnlyRootWithoutPrivilegeOrToken()
    {
        var pods = new[]
        {
            Read<V1Deployment>("api-deployment.yaml").Spec.Template.Spec,
            Read<V1Deployment>("materializer-deployment.yaml").Spec.Template.Spec,
            Read<V1Job>("migrations-job.yaml").Spec.Template.Spec,
            Read<V1CronJob>("components/materializer-cronjob/cronjob.yaml").Spec.JobTemplate.Spec.Template.Spec,
        };

        Assert.All(pods, pod =>
        {
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.Equal((long)KubernetesConventions.AppUserId, pod.SecurityContext.RunAsUser);
            Assert.False(pod.AutomountServiceAccountToken);
            Assert.All(pod.Containers.Concat(pod.InitContainers ?? []), container =>
            {
                Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
                Assert.NotNull(container.Resources.Requests);
                Assert.NotNull(container.Resources.Limits);
                Assert.Contains(container.VolumeMounts, mount => mount.MountPath == "/tmp");
            });
        });
    }

    [Fact]
    public void ServicesStartOnlyAfterTheMigrationsProgramHasRunToCompletion()
    {
        var job = Read<V1Job>("migrations-job.yaml");
        var migrations = Assert.Single(job.Spec.Template.Spec.Containers);

        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        foreach (var pod in new[]
        {
            Read<V1Deployment>("api-deployment.yaml").Spec.Template.Spec,
            Read<V1Deployment>("materializer-deployment.yaml").Spec.Template.Spec,
            Read<V1CronJob>("components/materializer-cronjob/cronjob.yaml").Spec.JobTemplate.Spec.Template.Spec,
        })
        {
            var wait = Assert.Single(pod.InitContainers);
            Assert.Equal("wait-for-migrations", wait.Name);
            Assert.Equal(migrations.Image, wait.Image);
            Assert.Equal(migrations.Env.Select(e => e.Name), wait.Env.Select(e => e.Name));
        }
    }

    [Fact]
    public void SecretsAreReferencedNeverWritten()
    {
        var containers = Objects().SelectMany(o => o.Value switch
        {
            V1Deployment d => d.Spec.Template.Spec.Containers.Concat(d.Spec.Template.Spec.InitContainers ?? []),
            V1Job j => j.Spec.Template.Spec.Containers,
            V1CronJob c => c.Spec.JobTemplate.Spec.Template.Spec.Containers,
            _ => [],
        }).ToList();
        var secretNames = new[] { "ConnectionStrings__opentabletop", "ConnectionStrings__cache", "API_KEY_SALT" };

        Assert.DoesNotContain(Objects(), o => o.Kind == "Secret");
        Assert.All(containers, container => Assert.All(
            container.Env.Where(e => secretNames.Contains(e.Name)),
            variable =>
            {
                Assert.Null(variable.Value);
                Assert.Equal(KubernetesConventions.SecretName, variable.ValueFrom.SecretKeyRef.Name);
                Assert.Equal(variable.Name, variable.ValueFrom.SecretKeyRef.Key);
            }));
        var api = Assert.Single(Read<V1Deployment>("api-deployment.yaml").Spec.Template.Spec.Containers);
        Assert.Null(Variable(api, "ConnectionStrings__opentabletop").ValueFrom.SecretKeyRef.Optional);
        Assert.True(Variable(api, "ConnectionStrings__cache").ValueFrom.SecretKeyRef.Optional);
        Assert.NotNull(Variable(api, "API_KEY_SALT").ValueFrom);
    }

    [Fact]
    public void ServiceIngressAutoscalerAndBudgetPointAtTheApi()
    {
        var api = Read<V1Deployment>("api-deployment.yaml");
        var service = Read<V1Service>("api-service.yaml");
        var ingress = Read<V1Ingress>("api-ingress.yaml");
        var hpa = Read<V2HorizontalPodAutoscaler>("api-hpa.yaml");
        var pdb = Read<V1PodDisruptionBudget>("api-pdb.yaml");
        var podLabels = api.Spec.Template.Metadata.Labels;

        Assert.All(service.Spec.Selector, pair => Assert.Equal(pair.Value, podLabels[pair.Key]));
        Assert.All(pdb.Spec.Selector.MatchLabels, pair => Assert.Equal(pair.Value, podLabels[pair.Key]));
        Assert.Equal("http", Assert.Single(service.Spec.Ports).TargetPort.Value);
        var backend = Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths).Backend.Service;
        Assert.Equal(service.Metadata.Name, backend.Name);
        Assert.Equal("http", backend.Port.Name);
        Assert.Equal(api.Metadata.Name, hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        Assert.True(hpa.Spec.MinReplicas >= 2);
        Assert.Equal("1", pdb.Spec.MinAvailable.Value);
    }

    [Fact]
    public void CronJobComponentRunsOnceAtATimeAndRemovesTheWorker()
    {
        var cron = Read<V1CronJob>("components/materializer-cronjob/cronjob.yaml");
        var container = Assert.Single(cron.Spec.JobTemplate.Spec.Template.Spec.Containers);
        var component = Yaml("components/materializer-cronjob/kustomization.yaml");
        var deletion = Yaml("components/materializer-cronjob/delete-deployment.yaml");

        Assert.Equal("Forbid", cron.Spec.ConcurrencyPolicy);
        Assert.Equal(["--once"], container.Args);
        Assert.Equal("0 4 * * *", cron.Spec.Schedule);
        Assert.Equal("Component", Scalar(component, "kind"));
        Assert.Equal("delete", Scalar(deletion, "$patch"));
        Assert.Equal(Read<V1Deployment>("materializer-deployment.yaml").Metadata.Name, Scalar((YamlMappingNode)deletion.Children["metadata"], "name"));
        // The base's image settings do not reach a component's objects, so it names its own.
        var componentImages = ((YamlSequenceNode)component.Children["images"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(
            Images(cron).Select(i => i.Split(':')[0]).Order(StringComparer.Ordinal),
            componentImages.Select(i => Scalar(i, "name")).Order(StringComparer.Ordinal));
        Assert.All(componentImages, i => Assert.Equal(KubernetesPublishOptions.PlaceholderTag, Scalar(i, "newTag")));
    }

    [Fact]
    public void KustomizationListsEveryFileAndEveryImageWithAPlaceholderTag()
    {
        var kustomization = Yaml("kustomization.yaml");
        var resources = ((YamlSequenceNode)kustomization.Children["resources"]).Select(n => n.ToString()).ToList();
        var images = ((YamlSequenceNode)kustomization.Children["images"]).Cast<YamlMappingNode>().ToList();
        var topLevel = Directory.EnumerateFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        var usedImages = Objects().SelectMany(o => Images(o.Value)).Select(i => i.Split(':')[0]).Distinct();

        Assert.Equal(topLevel.Order(StringComparer.Ordinal), resources.Order(StringComparer.Ordinal));
        Assert.Equal(usedImages.Order(StringComparer.Ordinal), images.Select(i => Scalar(i, "name")).Order(StringComparer.Ordinal));
        Assert.All(images, i => Assert.Equal(KubernetesPublishOptions.PlaceholderTag, Scalar(i, "newTag")));
        Assert.All(Objects().SelectMany(o => Images(o.Value)), image => Assert.EndsWith(":" + KubernetesPublishOptions.PlaceholderTag, image, StringComparison.Ordinal));
    }

    private static IEnumerable<(string Kind, object Value)> Objects()
    {
        foreach (var path in Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            var kind = KindLine().Match(text).Groups["kind"].Value;
            // kustomize's own files, and the component's deletion patch (a partial object by design).
            if (kind is "Kustomization" or "Component" || text.Contains("$patch: delete", StringComparison.Ordinal))
            {
                continue;
            }

            yield return (kind, Deserialize(text, kind, path));
        }
    }

    private static object Deserialize(string text, string kind, string path) => kind switch
    {
        "ConfigMap" => KubernetesYaml.Deserialize<V1ConfigMap>(text, strict: true),
        "Deployment" => KubernetesYaml.Deserialize<V1Deployment>(text, strict: true),
        "Job" => KubernetesYaml.Deserialize<V1Job>(text, strict: true),
        "CronJob" => KubernetesYaml.Deserialize<V1CronJob>(text, strict: true),
        "Service" => KubernetesYaml.Deserialize<V1Service>(text, strict: true),
        "Ingress" => KubernetesYaml.Deserialize<V1Ingress>(text, strict: true),
        "HorizontalPodAutoscaler" => KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(text, strict: true),
        "PodDisruptionBudget" => KubernetesYaml.Deserialize<V1PodDisruptionBudget>(text, strict: true),
        _ => throw new Xunit.Sdk.XunitException($"{path}: unexpected kind '{kind}'"),
    };

    private static T Read<T>(string relative) => KubernetesYaml.Deserialize<T>(File.ReadAllText(Path.Combine(Folder, relative)), strict: true);

    private static YamlMappingNode Yaml(string relative)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Folder, relative))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value!;

    private static V1EnvVar Variable(V1Container container, string name) => Assert.Single(container.Env, e => e.Name == name);

    private static IEnumerable<string> Images(object value) => value switch
    {
        V1Deployment d => d.Spec.Template.Spec.Containers.Concat(d.Spec.Template.Spec.InitContainers ?? []).Select(c => c.Image),
        V1Job j => j.Spec.Template.Spec.Containers.Select(c => c.Image),
        V1CronJob c => c.Spec.JobTemplate.Spec.Template.Spec.Containers.Concat(c.Spec.JobTemplate.Spec.Template.Spec.InitContainers ?? []).Select(c => c.Image),
        _ => [],
    };

    [GeneratedRegex(@"^kind: (?<kind>\w+)$", RegexOptions.Multiline)]
    private static partial Regex KindLine();
}
