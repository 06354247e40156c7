namespace OpenTabletop.AppHost.Hosting.Processes;

/// <summary>Finds executables; an interface so that tests can pretend tools are present or absent.</summary>
public interface ICommandLocator
{
    /// <returns>The full path of <paramref name="name"/> on PATH, or null.</returns>
    string? Find(string name);
}

public sealed class PathCommandLocator : ICommandLocator
{
    public static PathCommandLocator Instance { get; } = new();

    public string? Find(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
