using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpenTabletop.MigrationService.Seeding.Synthetic;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.MigrationService;

[CollectionDefinition(Name)]
public sealed class SyntheticDatabaseCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Synthetic seed database";
}

/// <summary>One database: migrations, a small taxonomy, one hand-written game, then a synthetic load of <see cref="Games"/> games.</summary>
public sealed class SyntheticSeededDatabase(PostgresFixture postgres) : IAsyncLifetime
{
    public const int Games = 2_000;
    public const int Seed = 42;

    public PostgresFixture Postgres { get; } = postgres;
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        ConnectionString = await PrepareAsync(Postgres, ct);
        await SyntheticTestSchema.InsertSampleGameAsync(ConnectionString, ct);
        await SeedAsync(ConnectionString, Games, Seed, ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A fresh database with the schema and the test taxonomy.</summary>
    public static async Task<string> PrepareAsync(PostgresFixture postgres, CancellationToken ct, int taxonomyFillers = 0)
    {
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        await SyntheticTestSchema.ApplyMigrationsAsync(connectionString, ct);
        await SyntheticTestSchema.SeedTaxonomyAsync(connectionString, ct, taxonomyFillers);
        return connectionString;
    }

    public static async Task SeedAsync(string connectionString, int games, int seed, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SyntheticSeeder(dataSource, NullLogger<SyntheticSeeder>.Instance).SeedAsync(games, seed, ct);
    }
}
