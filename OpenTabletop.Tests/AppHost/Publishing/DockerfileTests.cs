using System.Text.RegularExpressions;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>
/// deploy/docker/*.Dockerfile, read as text (no Docker here to build them): multi-stage, pinned bases,
/// a chiseled non-root final stage with nothing in it that needs a shell.
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "api", "OpenTabletop.Api" },
        { "migrations", "OpenTabletop.MigrationService" },
        { "materializer", "OpenTabletop.Materializer" },
    };

    [Fact]
    public void EveryImageTheKubernetesBaseUsesHasADockerfile()
    {
        var kustomization = File.ReadAllText(Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.KubernetesFolder, "kustomization.yaml"));
        var images = ImageName().Matches(kustomization).Select(m => m.Groups["service"].Value).ToList();

        Assert.Equal(3, images.Count);
        Assert.All(images, service => Assert.True(File.Exists(DockerfilePath(service)), $"{DockerfilePath(service)} is missing"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void BuildsWithTheSdkAndRunsOnThePinnedChiseledRuntime(string service, string project)
    {
        var stages = Stages(service);

        Assert.True(stages.Count >= 2, "a multi-stage build");
        Assert.All(stages, stage =>
        {
            Assert.Matches(@"^mcr\.microsoft\.com/dotnet/[a-z]+:\d+\.\d+[-a-z]*$", stage.Image);
            Assert.DoesNotContain(":latest", stage.Image, StringComparison.Ordinal);
        });
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0].Image, StringComparison.Ordinal);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", stages[^1].Image);
        Assert.Contains(stages[0].Lines, line => line.StartsWith("RUN dotnet publish " + project + "/" + project + ".csproj", StringComparison.Ordinal));
        Assert.Contains(stages[^1].Lines, line => line.StartsWith("COPY --from=" + stages[0].Name + " ", StringComparison.Ordinal));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{project}.dll\"]", stages[^1].Lines.Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void FinalStageIsNonRootAndNeedsNoShell(string service, string project)
    {
        var final = Stages(service)[^1];
        var user = final.Lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();

        Assert.True(int.TryParse(user, out var uid) && uid > 0, $"{project}: USER must be a non-zero number (runAsNonRoot checks it), not '{user}'");
        Assert.DoesNotContain(final.Lines, l => l.StartsWith("RUN ", StringComparison.Ordinal));
        Assert.DoesNotContain(final.Lines, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.DoesNotContain(final.Lines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && !l.Contains('[', StringComparison.Ordinal));
    }

    private static string DockerfilePath(string service) =>
        Path.Combine(PublishedModel.RepositoryRoot, "deploy", "docker", $"{service}.Dockerfile");

    private sealed record Stage(string Image, string Name, List<string> Lines);

    /// <summary>The instructions, continuation lines joined and comments dropped, grouped by FROM.</summary>
    private static List<Stage> Stages(string service)
    {
        var text = File.ReadAllText(DockerfilePath(service)).Replace("\\\n", " ", StringComparison.Ordinal);
        var stages = new List<Stage>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var from = FromLine().Match(line);
            if (from.Success)
            {
                stages.Add(new Stage(from.Groups["image"].Value, from.Groups["name"].Value, []));
            }
            else
            {
                Assert.True(stages.Count > 0, $"{service}.Dockerfile: '{line}' before any FROM");
                stages[^1].Lines.Add(Regex.Replace(line, @"\s+", " "));
            }
        }

        return stages;
    }

    [GeneratedRegex(@"^FROM (?<image>\S+)(?: AS (?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"- name: opentabletop-(?<service>[a-z]+)\n")]
    private static partial Regex ImageName();
}
