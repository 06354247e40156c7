using Npgsql;
using OpenTabletop.Data.Variants;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.MigrationService;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>A synthetic catalogue of a few thousand games served by the real API, shared by one test class.</summary>
public sealed class SyntheticApi(PostgresFixture postgres) : IAsyncLifetime
{
    public const int Games = 3_000;

    public string ConnectionString { get; private set; } = "";

    public ApiFactory Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await SeedCatalogueAsync(postgres, TestContext.Current.CancellationToken);
        Api = ApiFactory.Start(ConnectionString);
    }

    /// <summary>A fresh database holding the catalogue (also for fixtures that start the Api with settings of their own).</summary>
    public static async Task<string> SeedCatalogueAsync(PostgresFixture postgres, CancellationToken ct)
    {
        var connectionString = await SyntheticSeededDatabase.PrepareAsync(postgres, ct);
        await SyntheticSeededDatabase.SeedAsync(connectionString, Games, seed: 11, ct);
        // Every synthetic game gets weight votes; real catalogues have unweighed games, whose null
        // weight the nulls-last paging must handle.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                "UPDATE games SET weight = NULL WHERE id IN (SELECT id FROM games ORDER BY md5(slug) LIMIT 300)", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        // As the Materializer would after changing aggregates: the variants follow the games.
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await EffectiveVariants.RefreshAsync(dataSource, null, ct);
        }
        return connectionString;
    }

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();
}
