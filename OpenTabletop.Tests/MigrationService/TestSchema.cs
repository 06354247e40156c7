using Npgsql;
using OpenTabletop.MigrationService.Seeding;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>
/// Builds the schema in a fresh test database by running the MigrationService's embedded
/// <c>Migrations/NNNN_*.sql</c> files in order. Stand-in until the real migration runner exists.
/// </summary>
public static class TestSchema
{
    public static async Task ApplyAsync(string connectionString, CancellationToken ct)
    {
        var assembly = typeof(TaxonomySeeder).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(migrations);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var migration in migrations)
        {
            await using var stream = assembly.GetManifestResourceStream(migration)!;
            using var reader = new StreamReader(stream);
            var sql = await reader.ReadToEndAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }
}
