using YamlDotNet.RepresentationModel;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>
/// The OpenTabletop specification checkout the seed data is compared with: <c>$OTT_SPEC_DIR</c>,
/// else the nearest ancestor folder holding <c>shared/opentabletop-spec</c>. Tests that need it
/// are skipped, with the reason, where neither exists.
/// </summary>
internal static class SpecFiles
{
    private static readonly Lazy<string?> RootPath = new(FindRoot);

    public static string Path(params string[] parts)
    {
        if (RootPath.Value is not { } root)
        {
            Assert.Skip("The OpenTabletop spec was not found: set OTT_SPEC_DIR to its checkout.");
            throw new InvalidOperationException("unreachable");
        }

        return System.IO.Path.Combine([root, .. parts]);
    }

    public static YamlNode LoadYaml(params string[] parts)
    {
        using var reader = new StreamReader(Path(parts));
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    private static string? FindRoot()
    {
        if (Environment.GetEnvironmentVariable("OTT_SPEC_DIR") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "opentabletop-spec");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "data", "samples")))
            {
                return candidate;
            }
        }

        return null;
    }
}
