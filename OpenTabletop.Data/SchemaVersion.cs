namespace OpenTabletop.Data;

/// <summary>
/// The migration version this build of the services expects. /readyz stays 503 until the database
/// has reached it. A test keeps it equal to the highest numbered migration file.
/// </summary>
public static class SchemaVersion
{
    public const int Expected = 21;

    /// <summary>The MigrationService's history table.</summary>
    public const string HistoryTable = "schema_migrations";
}
