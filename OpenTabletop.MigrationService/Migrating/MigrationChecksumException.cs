namespace OpenTabletop.MigrationService.Migrating;

/// <summary>An applied migration file was edited afterwards: schema changes belong in a new numbered file.</summary>
public sealed class MigrationChecksumException(IReadOnlyList<string> files)
    : Exception($"Refusing to migrate: applied migration file(s) changed since they were applied: {string.Join(", ", files)}. " +
                "Restore the original file(s) and put the change in a new numbered migration.")
{
    public IReadOnlyList<string> Files { get; } = files;
}
