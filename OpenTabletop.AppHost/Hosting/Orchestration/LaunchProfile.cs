using System.Text.Json;

namespace OpenTabletop.AppHost.Hosting.Orchestration;

/// <summary>Reads a project's Properties/launchSettings.json the way Aspire does to find its endpoints.</summary>
internal static class LaunchProfile
{
    /// <summary>The URL schemes of the first "Project" profile's applicationUrl (e.g. http, https); empty for workers.</summary>
    public static IReadOnlyList<string> ApplicationUrlSchemes(string projectDirectory)
    {
        var path = Path.Combine(projectDirectory, "Properties", "launchSettings.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        foreach (var profile in profiles.EnumerateObject())
        {
            if (profile.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project")
            {
                if (!profile.Value.TryGetProperty("applicationUrl", out var urls) || urls.GetString() is not { } applicationUrl)
                {
                    return [];
                }

                return [.. applicationUrl
                    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Scheme : null)
                    .OfType<string>()
                    .Distinct()];
            }
        }

        return [];
    }
}
