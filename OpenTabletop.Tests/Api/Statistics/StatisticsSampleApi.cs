using Npgsql;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Statistics;

/// <summary>
/// The sample seed plus <see cref="StatisticsData"/> (games of the 1950s, raw votes, play logs, polls and
/// snapshots written straight into the tables, as the Materializer would), served by the real API and
/// shared by one test class: the tests only read.
/// </summary>
public sealed class StatisticsSampleApi(PostgresFixture postgres) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public ApiFactory Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        ConnectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, ct);
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        {
            await StatisticsData.SeedAsync(dataSource, ct);
        }
        Api = ApiFactory.Start(ConnectionString);
        Http = Api.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
    }
}
