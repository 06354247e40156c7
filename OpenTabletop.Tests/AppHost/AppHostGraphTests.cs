using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Testing;

namespace OpenTabletop.Tests.AppHost;

/// <summary>The application's graph as built (not started): who references and waits for whom.</summary>
public sealed class AppHostGraphTests
{
    [Fact]
    public async Task ApiUsesDatabaseAndCacheAndStartsAfterMigrationsComplete()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(TestContext.Current.CancellationToken);

        var api = app.Model.Find("api");

        Assert.Equal(["opentabletop", "cache"], api.Annotations.OfType<ConnectionStringReferenceAnnotation>().Select(r => r.ConnectionName));
        Assert.Contains(api.Annotations.OfType<WaitAnnotation>(), w => w is { WaitType: WaitType.WaitForCompletion, Resource.Name: "migrations", ExitCode: 0 });
        Assert.Contains(api.Annotations.OfType<WaitAnnotation>(), w => w is { WaitType: WaitType.WaitUntilHealthy, Resource.Name: "cache" });
        Assert.Equal("/readyz", Assert.Single(api.Annotations.OfType<HttpHealthCheckAnnotation>()).Path);
        Assert.True(Assert.Single(api.Annotations.OfType<EndpointAnnotation>(), e => e.Name == "http").IsExternal);
    }

    [Fact]
    public async Task MigrationsWaitForPostgresAndMaterializerWaitsForMigrations()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(TestContext.Current.CancellationToken);

        var migrations = app.Model.Find("migrations");
        var materializer = app.Model.Find("materializer");

        Assert.Contains(migrations.Annotations.OfType<WaitAnnotation>(), w => w is { WaitType: WaitType.WaitUntilHealthy, Resource.Name: "postgres" });
        Assert.Equal(["opentabletop"], migrations.Annotations.OfType<ConnectionStringReferenceAnnotation>().Select(r => r.ConnectionName));
        Assert.Empty(migrations.Annotations.OfType<EndpointAnnotation>());
        Assert.Contains(materializer.Annotations.OfType<WaitAnnotation>(), w => w is { WaitType: WaitType.WaitForCompletion, Resource.Name: "migrations" });
        Assert.Equal(["opentabletop", "cache"], materializer.Annotations.OfType<ConnectionStringReferenceAnnotation>().Select(r => r.ConnectionName));
    }

    [Fact]
    public async Task TestApplicationsSeedSampleDataUnlessToldOtherwise()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var byDefault = await DistributedApplicationTestingBuilder.CreateAsync(ct);
        await using var overridden = await DistributedApplicationTestingBuilder.CreateAsync([], b => b.Configuration["Seed:Mode"] = "none", ct);

        Assert.Equal("sample", SeedModeGivenToMigrations(byDefault));
        Assert.Equal("none", SeedModeGivenToMigrations(overridden));
    }

    [Fact]
    public async Task DatabaseIsTheServerWithTheDatabaseNamed()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(TestContext.Current.CancellationToken);
        var server = (PostgresServerResource)app.Model.Find("postgres");

        server.ConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=pw";

        Assert.Equal("Host=127.0.0.1;Port=5432;Username=postgres;Password=pw;Database=opentabletop", await app.GetConnectionStringAsync("opentabletop", TestContext.Current.CancellationToken));
    }

    private static string? SeedModeGivenToMigrations(OpenTabletop.AppHost.Hosting.DistributedApplication app)
    {
        var context = new EnvironmentCallbackContext(new Dictionary<string, string>());
        foreach (var callback in app.Model.Find("migrations").Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            callback.Callback(context);
        }

        return context.EnvironmentVariables.GetValueOrDefault("Seed__Mode");
    }
}
