using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpenTabletop.MigrationService.Migrating;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Support;

/// <summary>Fresh databases on the shared test server, migrated by the real runner and seeded by the real seeders.</summary>
public static class TestDatabases
{
    /// <summary>Applies every migration with the real runner.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
    }

    public static async Task<string> CreateMigratedAsync(PostgresFixture postgres, SeedMode seed, CancellationToken ct)
    {
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
        if (seed != SeedMode.None)
        {
            await new TaxonomySeeder(dataSource, NullLogger<TaxonomySeeder>.Instance).SeedAsync(ct);
            await new SampleSeeder(dataSource, NullLogger<SampleSeeder>.Instance).SeedAsync(ct);
        }
        return connectionString;
    }
}
