using System.Diagnostics;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>
/// The committed kustomize base and its component, every object validated against the Kubernetes API's
/// JSON schemas by kubernetes-models (npm; its schemas are generated from the Kubernetes OpenAPI
/// document, its validator is ajv): KubernetesSchemas/validate.mjs, installed once per run from its
/// lock file into a scratch folder.
/// </summary>
public sealed class KubernetesSchemaTests(KubernetesSchemaValidator validator) : IClassFixture<KubernetesSchemaValidator>
{
    [Fact]
    public async Task EveryObjectOfTheBaseAndTheComponentMatchesItsSchema()
    {
        var folder = Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.KubernetesFolder);
        var objects = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Count(f => Path.GetFileName(f) != "kustomization.yaml");

        var (exitCode, output) = await validator.ValidateAsync(folder);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{objects} valid, 0 invalid", output, StringComparison.Ordinal);
        Assert.Contains("valid api-deployment.yaml: apps/v1 Deployment opentabletop-api", output, StringComparison.Ordinal);
        Assert.Contains("valid components/materializer-cronjob/cronjob.yaml: batch/v1 CronJob", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMistypedFieldIsRefused()
    {
        using var broken = TemporaryDirectory.Create("k8s-broken");
        var deployment = await File.ReadAllTextAsync(
            Path.Combine(PublishedModel.RepositoryRoot, PublishedModel.KubernetesFolder, "api-deployment.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("containerPort: 8080", deployment, StringComparison.Ordinal);
        await File.WriteAllTextAsync(broken.Combine("api-deployment.yaml"),
            deployment.Replace("containerPort: 8080", "containerPort: \"8080\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var (exitCode, output) = await validator.ValidateAsync(broken.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("containerPort must be integer", output, StringComparison.Ordinal);
    }
}

/// <summary>The validator's npm packages, installed with <c>npm ci</c> from the committed lock file into a scratch copy.</summary>
public sealed class KubernetesSchemaValidator : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = TemporaryDirectory.Create("k8s-schemas");

    public async ValueTask InitializeAsync()
    {
        var source = Path.Combine(ServiceProcess.RepositoryRoot, "OpenTabletop.Tests", "AppHost", "Publishing", "KubernetesSchemas");
        foreach (var file in new[] { "package.json", "package-lock.json", "validate.mjs" })
        {
            File.Copy(Path.Combine(source, file), _folder.Combine(file));
        }
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(
            Start("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"npm ci failed (node and npm are prerequisites of the tests, see README): {stdout}{stderr}");
    }

    public async Task<(int ExitCode, string Output)> ValidateAsync(string folder)
    {
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(Start("node", "validate.mjs", folder), TimeSpan.FromMinutes(1));
        return (exitCode, stdout + stderr);
    }

    private ProcessStartInfo Start(string command, params string[] arguments) =>
        new(command, arguments) { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
