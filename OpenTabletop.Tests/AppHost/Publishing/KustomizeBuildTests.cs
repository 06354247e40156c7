using System.Diagnostics;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>
/// deploy/k8s built by kustomize itself (kubectl's built-in), as an operator's overlay would: the base
/// alone, and with the CronJob component and a release's image setting. Skipped where kubectl is absent.
/// </summary>
public sealed class KustomizeBuildTests
{
    [Fact]
    public async Task BaseBuildsIntoTheObjectsItLists()
    {
        var output = await KustomizeAsync(Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.KubernetesFolder));

        Assert.Equal(
            ["ConfigMap", "Deployment", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Job", "PodDisruptionBudget", "Service"],
            Kinds(output));
        Assert.Contains("image: opentabletop-api:replace-with-git-sha\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverlayWithTheCronJobComponentReplacesTheWorkerAndTakesTheReleaseImages()
    {
        using var overlay = TemporaryDirectory.Create("overlay");
        var k8s = Path.GetRelativePath(overlay.Path, Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.KubernetesFolder)).Replace('\\', '/');
        await File.WriteAllTextAsync(overlay.Combine("kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [{k8s}]
            components: [{k8s}/components/materializer-cronjob]
            images:
            - name: opentabletop-materializer
              newName: registry.example.com/games/opentabletop-materializer
              newTag: 0123abcd4567
            - name: opentabletop-migrations
              newName: registry.example.com/games/opentabletop-migrations
              newTag: 0123abcd4567
            """, TestContext.Current.CancellationToken);

        var output = await KustomizeAsync(overlay.Path);

        Assert.Equal(
            ["ConfigMap", "CronJob", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Job", "PodDisruptionBudget", "Service"],
            Kinds(output));
        // The one object left with the materializer's name is the CronJob: the worker Deployment is gone.
        Assert.Single(output.Split("\n---\n"), document => document.Contains("\n  name: opentabletop-materializer\n", StringComparison.Ordinal) && document.Contains("kind: CronJob", StringComparison.Ordinal));
        Assert.Single(output.Split("\n---\n"), document => document.Contains("\n  name: opentabletop-materializer\n", StringComparison.Ordinal));
        Assert.Contains("image: registry.example.com/games/opentabletop-materializer:0123abcd4567\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("opentabletop-migrations:replace-with-git-sha", output, StringComparison.Ordinal);
    }

    private static List<string> Kinds(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith("kind: ", StringComparison.Ordinal)).Select(l => l["kind: ".Length..]).Order(StringComparer.Ordinal)];

    private static async Task<string> KustomizeAsync(string folder)
    {
        Assert.SkipUnless(
            Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "kubectl"))) == true,
            "kubectl is not installed");
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(
            new ProcessStartInfo("kubectl", ["kustomize", folder]) { RedirectStandardOutput = true, RedirectStandardError = true },
            TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"kubectl kustomize {folder} failed: {stderr}");
        return stdout;
    }
}
