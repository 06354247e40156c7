using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>A folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c> of one PostgreSQL version.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>
    /// Looks in the configured folder, then on PATH (following symlinks to the real folder), then in
    /// the Debian/Ubuntu layout <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>, newest version first.
    /// </summary>
    public static PostgresBinaries? Find(string? configuredDirectory = null, ICommandLocator? tools = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return IsComplete(configuredDirectory) ? new PostgresBinaries(configuredDirectory) : null;
        }

        if ((tools ?? PathCommandLocator.Instance).Find("initdb") is { } initdb)
        {
            var real = File.ResolveLinkTarget(initdb, returnFinalTarget: true)?.FullName ?? initdb;
            foreach (var directory in new[] { Path.GetDirectoryName(real), Path.GetDirectoryName(initdb) })
            {
                if (directory is not null && IsComplete(directory))
                {
                    return new PostgresBinaries(directory);
                }
            }
        }

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/local/lib/postgresql" })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var newest = Directory.GetDirectories(root)
                .Select(directory => (Directory: Path.Combine(directory, "bin"), Version: ParseVersion(Path.GetFileName(directory))))
                .Where(candidate => IsComplete(candidate.Directory))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Directory)
                .FirstOrDefault();
            if (newest is not null)
            {
                return new PostgresBinaries(newest);
            }
        }

        return null;
    }

    private static bool IsComplete(string directory) =>
        File.Exists(Path.Combine(directory, "initdb"))
        && File.Exists(Path.Combine(directory, "pg_ctl"))
        && File.Exists(Path.Combine(directory, "postgres"));

    private static Version ParseVersion(string name) =>
        Version.TryParse(name.Contains('.') ? name : name + ".0", out var version) ? version : new Version(0, 0);
}
