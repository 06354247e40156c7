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
        var ct = TestContext.Current.CancellationToken;
        ConnectionString = await SyntheticSeededDatabase.PrepareAsync(postgres, ct);
        await SyntheticSeededDatabase.SeedAsync(ConnectionString, Games, seed: 11, ct);
        // Every synthetic game gets weight votes; real catalogues have unweighed games, whose null
        // weight the nulls-last paging must handle.
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                "UPDATE games SET weight = NULL WHERE id IN (SELECT id FROM games ORDER BY md5(slug) LIMIT 300)", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        // As the Materializer would after changing aggregates: the variants follow the games.
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        {
            await EffectiveVariants.RefreshAsync(dataSource, null, ct);
        }
        Api = ApiFactory.Start(ConnectionString);
    }

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();
}
