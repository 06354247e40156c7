using Microsoft.Extensions.Configuration;
using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>
/// Runs the publisher named by <c>--publisher</c>: <c>manifest</c> (the Aspire manifest, for azd and
/// aspirate) or <c>kubernetes</c> (a kustomize base). A relative <c>--output-path</c> is taken from the
/// current directory, as Aspire does; azd and aspirate run the AppHost from its own folder.
/// </summary>
public static class PublishCommand
{
    /// <returns>The process exit code: 0 written, 1 the model cannot be published, 2 a bad command line.</returns>
    public static async Task<int> RunAsync(
        DistributedApplicationModel model,
        DistributedApplicationExecutionContext context,
        IConfiguration configuration,
        string appHostDirectory,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(context.OutputPath))
        {
            await output.WriteLineAsync($"--publisher {context.PublisherName} needs --output-path (a file for manifest, a folder for kubernetes).");
            return 2;
        }

        var outputPath = Path.GetFullPath(context.OutputPath);
        try
        {
            switch (context.PublisherName?.Trim().ToLowerInvariant())
            {
                case ManifestPublisher.Name:
                    await ManifestPublisher.WriteAsync(model, outputPath, cancellationToken);
                    await output.WriteLineAsync($"Wrote the manifest to {outputPath}.");
                    return 0;
                case KubernetesPublisher.Name:
                    var options = await KubernetesPublishOptions.FromAsync(configuration, appHostDirectory, cancellationToken);
                    var files = await KubernetesPublisher.WriteAsync(model, outputPath, options, cancellationToken);
                    await output.WriteLineAsync($"Wrote {files.Count} Kubernetes files to {outputPath} (images tagged {options.ImageTag}).");
                    return 0;
                default:
                    await output.WriteLineAsync($"Unknown publisher '{context.PublisherName}': use {ManifestPublisher.Name} or {KubernetesPublisher.Name}.");
                    return 2;
            }
        }
        catch (Exception ex) when (ex is DistributedApplicationException or ArgumentException)
        {
            await output.WriteLineAsync($"Publishing failed: {ex.Message}");
            return ex is ArgumentException ? 2 : 1;
        }
    }
}
