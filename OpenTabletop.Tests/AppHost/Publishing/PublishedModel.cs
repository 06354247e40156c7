using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Publishing;

/// <summary>The AppHost's own graph (AppHostGraph.Configure), built but not started, and where its published files live.</summary>
internal static class PublishedModel
{
    public const string ManifestFile = "aspire-manifest.json";
    public const string KubernetesFolder = "deploy/k8s";

    public const string RegenerateManifest =
        "dotnet run --project OpenTabletop.AppHost -- --publisher manifest --output-path aspire-manifest.json";

    public const string RegenerateKubernetes =
        "dotnet run --project OpenTabletop.AppHost -- --publisher kubernetes --output-path deploy/k8s --image-tag replace-with-git-sha";

    public static string RepositoryRoot => ServiceProcess.RepositoryRoot;

    public static async Task<DistributedApplicationModel> BuildAsync()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(TestContext.Current.CancellationToken);
        return app.Model;
    }
}
