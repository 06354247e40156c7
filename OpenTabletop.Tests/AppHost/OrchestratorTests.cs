using Npgsql;
using OpenTabletop.AppHost.Hosting;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Provisioning;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.AppHost;

/// <summary>The orchestrator with stand-in resources (shell commands), so that it is tested apart from the services.</summary>
public sealed class OrchestratorTests
{
    [Fact]
    public async Task ResourceStartsOnlyAfterItsCompletionDependencyExitedWithZero()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAsync(b =>
        {
            var setup = b.AddExecutable("setup", "sh", ".", "-c", "echo preparing; sleep 0.3; echo prepared");
            b.AddExecutable("worker", "sleep", ".", "300").WaitForCompletion(setup);
        });

        await app.StartAsync(ct);

        var setup = app.ResourceNotifications.GetCurrent("setup").Snapshot;
        var worker = app.ResourceNotifications.GetCurrent("worker").Snapshot;
        Assert.Equal((KnownResourceStates.Finished, 0), (setup.State, setup.ExitCode));
        Assert.Equal(KnownResourceStates.Running, worker.State);
        Assert.True(worker.StartedAt >= setup.StoppedAt, "the worker started before setup finished");
        Assert.Contains("prepared", app.ResourceLogs.GetLog("setup").Tail(10));
    }

    [Fact]
    public async Task FailingCompletionDependencyStopsEverythingAndReportsItsLastLines()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAsync(b =>
        {
            var setup = b.AddExecutable("setup", "sh", ".", "-c", "for i in $(seq 1 30); do echo step $i; done; exit 3");
            b.AddExecutable("worker", "sleep", ".", "300").WaitForCompletion(setup);
            b.AddExecutable("bystander", "sleep", ".", "300");
        });
        var bystanderStarted = app.ResourceNotifications.WaitForResourceAsync("bystander", KnownResourceStates.Running, ct);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(ct));

        Assert.Contains("'setup'", error.Message, StringComparison.Ordinal);
        Assert.Contains("exit code '3'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[setup] step 30", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[setup] step 5" + Environment.NewLine, error.Message, StringComparison.Ordinal);
        Assert.NotEqual(KnownResourceStates.Running, app.ResourceNotifications.GetCurrent("worker").Snapshot.State);
        var bystander = Assert.NotNull((await bystanderStarted).Snapshot.ProcessId);
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([bystander], TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task ProcessReceivesTheAspireEnvironmentForWhatItReferences()
    {
        var ct = TestContext.Current.CancellationToken;
        var passThrough = $"OTT_PASS_THROUGH_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(passThrough, "inherited");
        try
        {
            await using var app = await CreateAsync(
                b =>
                {
                    var cache = b.AddRedis("cache");
                    var api = b.AddExecutable("api", "sleep", ".", "300").WithHttpEndpoint();
                    var printer = b.AddExecutable("printer", "env", ".").WithReference(cache).WithReference(api).WaitFor(cache);
                    b.AddExecutable("after", "true", ".").WaitForCompletion(printer);
                },
                b => b.Configuration["AppHost:Cache:Provider"] = "garnet");

            await app.StartAsync(ct);

            var printed = app.ResourceLogs.GetLog("printer").Tail(1000);
            Assert.Contains($"ConnectionStrings__cache={await app.GetConnectionStringAsync("cache", ct)}", printed);
            Assert.Contains($"services__api__http__0={((ProcessResource)app.Model.Find("api")).GetEndpoint("http").Url}", printed);
            Assert.Contains("OTEL_SERVICE_NAME=printer", printed);
            Assert.Contains("OTEL_RESOURCE_ATTRIBUTES=service.instance.id=printer", printed);
            Assert.Contains($"{passThrough}=inherited", printed);
        }
        finally
        {
            Environment.SetEnvironmentVariable(passThrough, null);
        }
    }

    [Fact]
    public async Task StoppingLeavesNoProcessBehindNotEvenGrandchildren()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAsync(b =>
        {
            b.AddRedis("cache");
            b.AddExecutable("family", "sh", ".", "-c", "sleep 300 & sleep 300 & wait");
        });
        await app.StartAsync(ct);
        var family = Assert.NotNull(app.ResourceNotifications.GetCurrent("family").Snapshot.ProcessId);
        var processes = await ProcessTreeOfAtLeastAsync(family, 3, ct);
        if (app.ResourceNotifications.GetCurrent("cache").Snapshot.ProcessId is { } cache)
        {
            processes = [.. processes, .. ProcessTable.Tree(cache)];
        }

        await app.StopAsync(ct);

        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(15), ct));
    }

    [Fact]
    public async Task LocalPostgresLivesInATemporaryFolderAndStopsWithTheApplication()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PostgresBinaries.Find() is null, "No PostgreSQL server binaries installed.");
        await using var app = await CreateAsync(
            b => b.AddPostgres("postgres").AddDatabase("opentabletop"),
            b => b.Configuration["AppHost:Postgres:Provider"] = "local");
        await app.StartAsync(ct);
        var processes = ProcessTable.Tree(Assert.NotNull(app.ResourceNotifications.GetCurrent("postgres").Snapshot.ProcessId));

        var server = await app.GetConnectionStringAsync("postgres", ct) ?? throw new InvalidOperationException("no server connection string");
        var database = await app.GetConnectionStringAsync("opentabletop", ct) ?? throw new InvalidOperationException("no database connection string");
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SHOW data_directory", connection);
            var dataDirectory = (string)(await command.ExecuteScalarAsync(ct))!;
            Assert.StartsWith(Path.GetTempPath(), dataDirectory, StringComparison.Ordinal);
        }

        Assert.Equal("opentabletop", new NpgsqlConnectionStringBuilder(database).Database);
        Assert.Equal("local", ((ServerResource)app.Model.Find("postgres")).Provider);

        await app.DisposeAsync();
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(15), ct));
    }

    [Fact]
    public async Task ConfiguredPostgresConnectionIsUsedAsIsWithTheDatabaseNamedInIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = new PostgresFixture();
        await postgres.InitializeAsync();
        var server = new NpgsqlConnectionStringBuilder(postgres.ServerConnectionString);
        server.Remove("Database");
        await using var app = await CreateAsync(
            b => b.AddPostgres("postgres").AddDatabase("opentabletop"),
            b => b.Configuration["ConnectionStrings:postgres"] = server.ConnectionString);

        await app.StartAsync(ct);

        Assert.Equal("connection", ((ServerResource)app.Model.Find("postgres")).Provider);
        Assert.Equal(server.ConnectionString, await app.GetConnectionStringAsync("postgres", ct));
        var database = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("opentabletop", ct));
        Assert.Equal(("opentabletop", server.Host, server.Port), (database.Database, database.Host, database.Port));
    }

    [Fact]
    public async Task WaitingForHealthFailsAtOnceWhenTheServerCannotStart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAsync(
            b => b.AddRedis("cache"),
            b => b.Configuration["AppHost:Cache:Provider"] = "connection");
        var healthy = app.ResourceNotifications.WaitForResourceHealthyAsync("cache", ct);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(ct));

        Assert.Contains("ConnectionStrings:cache", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DistributedApplicationException>(() => healthy);
        Assert.Equal(KnownResourceStates.FailedToStart, app.ResourceNotifications.GetCurrent("cache").Snapshot.State);
    }

    [Fact]
    public async Task CancelledStartSaysWhatItWasStillWaitingFor()
    {
        await using var app = await CreateAsync(b =>
        {
            var sleeper = b.AddExecutable("sleeper", "sleep", ".", "300");
            b.AddExecutable("waiter", "true", ".").WaitForCompletion(sleeper);
        });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var sleeperStarted = app.ResourceNotifications.WaitForResourceAsync("sleeper", KnownResourceStates.Running, deadline.Token);
        var start = app.StartAsync(deadline.Token);
        var sleeper = Assert.NotNull((await sleeperStarted).Snapshot.ProcessId);

        await deadline.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);

        Assert.Contains("waiter (Waiting for 'sleeper' to complete, which is Running)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([sleeper], TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    private static Task<DistributedApplication> CreateAsync(Action<IDistributedApplicationBuilder> graph, Action<IDistributedApplicationBuilder>? configure = null) =>
        DistributedApplicationTestingBuilder.CreateAsync([], configure, graph, TestContext.Current.CancellationToken);

    private static async Task<IReadOnlyList<int>> ProcessTreeOfAtLeastAsync(int root, int count, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var tree = ProcessTable.Tree(root);
            if (tree.Count >= count || DateTime.UtcNow > deadline)
            {
                return tree;
            }

            await Task.Delay(50, ct);
        }
    }
}
