using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenTabletop.MigrationService.Migrating;

/// <summary>One numbered SQL file, <c>Migrations/NNNN_description.sql</c>, embedded in this assembly.</summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public static MigrationScript Create(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration file '{fileName}' must be named NNNN_description.sql.");
        }
        // Line endings are normalised so a checkout on Windows does not look like an edited file.
        var normalised = sql.Replace("\r\n", "\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        return new MigrationScript(int.Parse(match.Groups[1].Value), match.Groups[2].Value, normalised, checksum);
    }

    /// <summary>All embedded scripts in version order; duplicate versions are a build mistake and throw.</summary>
    public static IReadOnlyList<MigrationScript> LoadEmbedded(Assembly? assembly = null)
    {
        assembly ??= typeof(MigrationScript).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(Create(resource["Migrations/".Length..], reader.ReadToEnd()));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migration files share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        }
        return [.. scripts.OrderBy(s => s.Version)];
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
