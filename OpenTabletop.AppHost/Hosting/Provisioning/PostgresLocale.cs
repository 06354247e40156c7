namespace OpenTabletop.AppHost.Hosting.Provisioning;

internal static class PostgresLocale
{
    /// <summary>
    /// Picks the cluster locale from <c>locale -a</c>: en_US.UTF-8 as the official image uses, else
    /// C.UTF-8 (code-point order, Unicode case mapping), else plain C.
    /// </summary>
    public static string Choose(IEnumerable<string> installed)
    {
        var names = installed.Select(name => name.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in new[] { "en_US.utf8", "en_US.UTF-8", "C.utf8", "C.UTF-8" })
        {
            if (names.Contains(candidate))
            {
                return candidate;
            }
        }

        return "C";
    }
}
