using YamlDotNet.Serialization;

namespace OpenTabletop.Tests.Support;

/// <summary>Reads the specification from ../shared/opentabletop-spec (never copied into the repo).</summary>
public static class SpecFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A YAML file as plain dictionaries, lists and strings.</summary>
    public static object? ReadYaml(string relative)
    {
        var deserializer = new DeserializerBuilder().Build();
        using var reader = File.OpenText(PathOf(relative));
        return deserializer.Deserialize(reader);
    }

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("OTT_SPEC_DIR");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "opentabletop-spec");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("The specification was not found: expected ../shared/opentabletop-spec beside the repository, or set OTT_SPEC_DIR.");
    }
}
