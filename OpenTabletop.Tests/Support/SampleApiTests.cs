using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Support;

/// <summary>A test class's own database with the sample seed, served by the real API over Kestrel.</summary>
public abstract class SampleApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    protected ApiFactory Api { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = null!;

    /// <summary>Settings of this class's Api beyond the factory's.</summary>
    protected virtual (string Key, string? Value)[] ApiSettings => [];

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, TestContext.Current.CancellationToken);
        Api = ApiFactory.Start(ConnectionString, ApiSettings);
        Http = Api.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
