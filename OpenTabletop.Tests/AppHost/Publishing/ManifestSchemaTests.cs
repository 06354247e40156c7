using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using OpenTabletop.AppHost.Hosting.Publishing;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>
/// The manifest against Aspire's own schema (aspire-8.0.json, draft-07, read from shared/aspire/ in
/// place) with JsonSchema.Net, a maintained validator of the whole draft.
/// </summary>
public sealed class ManifestSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SpecFiles.Shared("aspire", "aspire-8.0.json"))));

    [Fact]
    public async Task CommittedAndFreshManifestsSatisfyTheAspireSchema()
    {
        var fresh = ManifestPublisher.Render(await PublishedModel.BuildAsync(), PublishedModel.RepositoryRoot);
        var committed = await File.ReadAllBytesAsync(Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.ManifestFile), TestContext.Current.CancellationToken);

        AssertValid(JsonNode.Parse(fresh)!);
        AssertValid(JsonNode.Parse(committed)!);
    }

    [Fact]
    public async Task TheSchemaRejectsWhatConsumersWouldRejectSoTheCheckIsReal()
    {
        var manifest = JsonNode.Parse(ManifestPublisher.Render(await PublishedModel.BuildAsync(), PublishedModel.RepositoryRoot))!;
        var extraKey = manifest.DeepClone();
        extraKey["resources"]!["api"]!["waitFor"] = "migrations";
        var redisScheme = manifest.DeepClone();
        redisScheme["resources"]!["cache"]!["bindings"]!["tcp"]!["protocol"] = "redis";
        var anonymousVolume = manifest.DeepClone();
        anonymousVolume["resources"]!["postgres"]!["volumes"]![0]!.AsObject().Remove("name");

        Assert.False(Evaluate(extraKey).IsValid, "an unknown key on a project.v0 must fail (additionalProperties: false)");
        Assert.False(Evaluate(redisScheme).IsValid, "a binding protocol outside tcp|udp must fail");
        Assert.False(Evaluate(anonymousVolume).IsValid, "a volume without a name must fail");
    }

    private static void AssertValid(JsonNode manifest)
    {
        var result = Evaluate(manifest);
        Assert.True(result.IsValid, "The manifest does not satisfy aspire-8.0.json:" + Environment.NewLine + Describe(result));
    }

    private static EvaluationResults Evaluate(JsonNode manifest) =>
        Schema.Value.Evaluate(JsonDocument.Parse(manifest.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Describe(EvaluationResults results) =>
        string.Join(Environment.NewLine, (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
}
