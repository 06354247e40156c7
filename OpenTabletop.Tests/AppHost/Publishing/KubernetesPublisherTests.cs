using OpenTabletop.AppHost.Hosting.Publishing;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>The committed deploy/k8s base is what the publisher makes now, and names images sensibly.</summary>
public sealed class KubernetesPublisherTests
{
    [Fact]
    public async Task CommittedBaseEqualsAFreshOneFileForFile()
    {
        var fresh = KubernetesPublisher.Render(await PublishedModel.BuildAsync(), KubernetesPublishOptions.Create(KubernetesPublishOptions.PlaceholderTag));
        var folder = Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.KubernetesFolder);
        var regenerate = $"Regenerate and commit it: {PublishedModel.RegenerateKubernetes}";

        Assert.True(Directory.Exists(folder), $"{PublishedModel.KubernetesFolder} is missing. {regenerate}");
        var committed = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(
            committed.SequenceEqual(fresh.Select(f => f.RelativePath).Order(StringComparer.Ordinal)),
            $"{PublishedModel.KubernetesFolder} holds [{string.Join(", ", committed)}], the publisher writes [{string.Join(", ", fresh.Select(f => f.RelativePath))}]. {regenerate}");
        foreach (var file in fresh)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(folder, file.RelativePath), TestContext.Current.CancellationToken);
            Assert.True(text == file.Content, $"{PublishedModel.KubernetesFolder}/{file.RelativePath} is stale. {regenerate}{Environment.NewLine}Fresh:{Environment.NewLine}{file.Content}");
        }
    }

    [Fact]
    public async Task ImagesAreNamedForTheTagAndRegistryGiven()
    {
        var files = KubernetesPublisher.Render(await PublishedModel.BuildAsync(), KubernetesPublishOptions.Create("0123abcd4567", "registry.example.com/games"));
        var kustomization = Assert.Single(files, f => f.RelativePath == "kustomization.yaml").Content;
        var api = Assert.Single(files, f => f.RelativePath == "api-deployment.yaml").Content;

        Assert.Contains("newName: registry.example.com/games/opentabletop-api\n  newTag: 0123abcd4567\n", kustomization, StringComparison.Ordinal);
        Assert.Contains("image: opentabletop-api:0123abcd4567\n", api, StringComparison.Ordinal);
        Assert.Contains("image: opentabletop-migrations:0123abcd4567\n", api, StringComparison.Ordinal);
        Assert.All(files, f => Assert.DoesNotContain(":latest", f.Content, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    public void UnusableTagsAreRefused(string tag) =>
        Assert.Throws<ArgumentException>(() => KubernetesPublishOptions.Create(tag));

    [Fact]
    public void RegistryMustBeARegistryPath() =>
        Assert.Throws<ArgumentException>(() => KubernetesPublishOptions.Create("abc123", "https://registry.example.com"));

    [Fact]
    public async Task WithoutATagTheCheckoutsCommitIsUsed()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        var options = await KubernetesPublishOptions.FromAsync(configuration, PublishedModel.RepositoryRoot, TestContext.Current.CancellationToken);

        var (exitCode, sha, _) = await Support.ServiceProcess.RunAsync(
            new System.Diagnostics.ProcessStartInfo("git", ["rev-parse", "--short=12", "HEAD"])
            {
                WorkingDirectory = PublishedModel.RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
            TimeSpan.FromSeconds(30));
        Assert.Equal(0, exitCode);
        Assert.Equal(sha.Trim(), options.ImageTag);
        Assert.Null(options.ImageRegistry);
    }
}
