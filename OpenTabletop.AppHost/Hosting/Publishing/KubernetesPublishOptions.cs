using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>
/// How the Kubernetes publisher names images: <c>[ImageRegistry/]opentabletop-&lt;project&gt;:ImageTag</c>.
/// The tag is <c>--image-tag</c>, else the AppHost checkout's commit (<c>git rev-parse --short=12 HEAD</c>):
/// an image is always named for the source it was built from, never <c>latest</c>.
/// </summary>
public sealed partial record KubernetesPublishOptions(string ImageTag, string? ImageRegistry)
{
    /// <summary>The tag of the committed deploy/k8s base: a deliberate non-image that the release sets with <c>kustomize edit set image</c>.</summary>
    public const string PlaceholderTag = "replace-with-git-sha";

    public static async Task<KubernetesPublishOptions> FromAsync(IConfiguration configuration, string appHostDirectory, CancellationToken cancellationToken)
    {
        var registry = configuration["Publishing:ImageRegistry"] is { Length: > 0 } given ? given.Trim().TrimEnd('/') : null;
        var tag = configuration["Publishing:ImageTag"] is { Length: > 0 } configured
            ? configured.Trim()
            : await GitCommitAsync(appHostDirectory, cancellationToken)
              ?? throw new ArgumentException("No --image-tag given and `git rev-parse HEAD` did not answer; pass --image-tag <git sha>.");
        return Create(tag, registry);
    }

    public static KubernetesPublishOptions Create(string tag, string? registry = null)
    {
        if (!TagPattern().IsMatch(tag) || string.Equals(tag, "latest", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"--image-tag '{tag}' is not a usable image tag: letters, digits, '_', '.', '-' (at most 128), never 'latest'.");
        }

        if (registry is not null && !RegistryPattern().IsMatch(registry))
        {
            throw new ArgumentException($"--image-registry '{registry}' is not a registry path such as registry.example.com/team.");
        }

        return new KubernetesPublishOptions(tag, registry);
    }

    /// <summary>The name the manifests use; kustomize's <c>images:</c> maps it to <see cref="ImageReference"/>.</summary>
    public static string ImageName(string project) => $"opentabletop-{project}";

    public string ImageRepository(string project) => ImageRegistry is null ? ImageName(project) : $"{ImageRegistry}/{ImageName(project)}";

    public string ImageReference(string project) => $"{ImageRepository(project)}:{ImageTag}";

    private static async Task<string?> GitCommitAsync(string directory, CancellationToken cancellationToken)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "--short=12", "HEAD"])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var sha = (await git.StandardOutput.ReadToEndAsync(cancellationToken)).Trim();
            await git.WaitForExitAsync(cancellationToken);
            return git.ExitCode == 0 && sha.Length > 0 ? sha : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9.:-]*[a-z0-9])?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$")]
    private static partial Regex RegistryPattern();
}
