namespace OpenTabletop.AppHost.Hosting.Testing;

/// <summary>
/// A scratch folder for a test's servers, deleted on dispose. It is world-traversable (0755) because
/// PostgreSQL runs as an unprivileged user when the tests run as root, and must reach its data inside.
/// </summary>
public sealed class TemporaryDirectory : IDisposable
{
    private TemporaryDirectory(string path) => Path = path;

    public string Path { get; }

    public static TemporaryDirectory Create(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory($"ott-{prefix}-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(
                directory.FullName,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return new TemporaryDirectory(directory.FullName);
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temp folder left behind is harmless and the OS cleans /tmp.
        }
    }
}
