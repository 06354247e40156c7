using System.Text.Json.Nodes;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>The AppHost run as azd and aspirate run it: a process with --publisher and --output-path, from a folder of its own.</summary>
public sealed class PublishCommandTests
{
    [Fact]
    public async Task ManifestPublisherWritesTheFileRelativeToTheCurrentFolderAndExitsZero()
    {
        using var folder = TemporaryDirectory.Create("publish");

        var (exitCode, stdout, stderr) = await RunAppHostAsync(folder.Path, "--publisher", "manifest", "--output-path", "out/apphost-manifest.json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout}{stderr}");
        var manifestPath = Path.Combine(folder.Path, "out", "apphost-manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken))!;
        foreach (var project in new[] { "migrations", "api", "materializer" })
        {
            var path = (string)manifest["resources"]![project]!["path"]!;
            Assert.False(Path.IsPathRooted(path), $"{project}: {path} is not relative");
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifestPath)!, path))), $"{project}: {path} does not lead to the project from the manifest's folder");
        }
    }

    [Fact]
    public async Task KubernetesPublisherWritesTheBaseWithTheGivenTagAndRegistry()
    {
        using var folder = TemporaryDirectory.Create("publish");

        var (exitCode, stdout, stderr) = await RunAppHostAsync(
            folder.Path, "--publisher", "kubernetes", "--output-path", "k8s", "--image-tag", "abc123def456", "--image-registry", "registry.example.com/games");

        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout}{stderr}");
        var kustomization = await File.ReadAllTextAsync(Path.Combine(folder.Path, "k8s", "kustomization.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("newName: registry.example.com/games/opentabletop-api", kustomization, StringComparison.Ordinal);
        Assert.Contains("newTag: abc123def456", kustomization, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "k8s", "components", "materializer-cronjob", "cronjob.yaml")));
    }

    [Theory]
    [InlineData("--publisher", "helm", "--output-path", "x")]
    [InlineData("--publisher", "manifest")]
    [InlineData("--publisher", "kubernetes", "--output-path", "k8s", "--image-tag", "latest")]
    public async Task BadCommandLinesExitTwoAndSayWhy(params string[] arguments)
    {
        using var folder = TemporaryDirectory.Create("publish");

        var (exitCode, stdout, _) = await RunAppHostAsync(folder.Path, arguments);

        Assert.Equal(2, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(stdout));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAppHostAsync(string workingDirectory, params string[] arguments)
    {
        var start = ServiceProcess.StartInfo("OpenTabletop.AppHost", new Dictionary<string, string>(), arguments);
        start.WorkingDirectory = workingDirectory;
        return ServiceProcess.RunAsync(start, TimeSpan.FromSeconds(60));
    }
}
