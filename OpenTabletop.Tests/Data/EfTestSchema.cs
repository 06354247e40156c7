using System.Reflection;
using Npgsql;

namespace OpenTabletop.Tests.Data;

/// <summary>
/// Brings a fresh database to the current schema by running the MigrationService's embedded
/// <c>Migrations/NNNN_*.sql</c> files in order, each in its own transaction. A stand-in until the
/// tests use the real migration runner.
/// </summary>
internal static class EfTestSchema
{
    private const string ResourcePrefix = "Migrations/";

    public static IReadOnlyList<(string Name, string Sql)> LoadScripts()
    {
        var assembly = Assembly.Load("OpenTabletop.MigrationService");
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[ResourcePrefix.Length..], reader.ReadToEnd());
            })
            .ToList();
        if (scripts.Count == 0) throw new InvalidOperationException("OpenTabletop.MigrationService embeds no Migrations/*.sql resources.");
        return scripts;
    }

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var (name, sql) in LoadScripts())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"Migration {name} failed: {e.Message}", e);
            }
        }
    }
}
