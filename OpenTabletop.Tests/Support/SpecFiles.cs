using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// The specification, read where it lives: <c>$OTT_SPEC_DIR</c>, else the nearest ancestor folder's
/// <c>shared/opentabletop-spec</c> (CI clones the repo beside shared/). Never copied into the repo.
/// </summary>
public static class SpecFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A file beside the specification in shared/ (e.g. aspire/aspire-8.0.json), read in place, never copied.</summary>
    public static string Shared(params string[] parts) => System.IO.Path.Combine([System.IO.Path.GetDirectoryName(Root.TrimEnd('/'))!, .. parts]);

    /// <summary>A YAML file as plain dictionaries, lists and strings.</summary>
    public static object? ReadYaml(string relative)
    {
        var deserializer = new DeserializerBuilder().Build();
        using var reader = File.OpenText(Path(relative));
        return deserializer.Deserialize(reader);
    }

    /// <summary>A YAML file as a node tree.</summary>
    public static YamlNode LoadYaml(params string[] parts)
    {
        using var reader = new StreamReader(Path(parts));
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("OTT_SPEC_DIR") is { Length: > 0 } configured) return configured;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "opentabletop-spec");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "spec"))) return candidate;
        }
        throw new DirectoryNotFoundException(
            "The OpenTabletop specification was not found: expected shared/opentabletop-spec beside the repository, or set OTT_SPEC_DIR.");
    }
}
