using Npgsql;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Provisioning;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.AppHost;

public sealed class LocalPostgresServerTests
{
    [Fact]
    public async Task LocalServerAnswersQueriesAndLeavesNoProcessWhenDisposed()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PostgresBinaries.Find() is null, "No PostgreSQL server binaries installed.");
        using var directory = TemporaryDirectory.Create("pg-test");
        var log = new ResourceLog("postgres");

        var server = await LocalPostgresServer.StartAsync(
            new LocalPostgresOptions { DataDirectory = directory.Combine("postgres"), Durable = false }, log, ct);
        IReadOnlyList<int> processes;
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT current_setting('listen_addresses') || ' ' || (6 * 7)::text", connection);
            Assert.Equal("127.0.0.1 42", await command.ExecuteScalarAsync(ct));

            processes = ProcessTable.Tree(Assert.NotNull(server.ProcessId));
            Assert.True(processes.Count > 1, "postgres runs a postmaster and its background workers");
        }
        finally
        {
            await server.DisposeAsync();
        }

        var survivors = await ProcessTable.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(10), ct);
        Assert.True(survivors.Count == 0, $"still running after dispose: {string.Join(", ", survivors)}");
    }

    [Fact]
    public async Task LocalServerRunsAsThePostgresUserWhenStartedByRoot()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "Only root has to switch users.");
        Assert.SkipWhen(PostgresBinaries.Find() is null, "No PostgreSQL server binaries installed.");
        using var directory = TemporaryDirectory.Create("pg-test");

        await using var server = await LocalPostgresServer.StartAsync(
            new LocalPostgresOptions { DataDirectory = directory.Combine("postgres"), Durable = false }, new ResourceLog("postgres"), ct);

        Assert.NotEqual(0, ProcessTable.RealUserId(Assert.NotNull(server.ProcessId)));
    }

    [Fact]
    public async Task RestartedServerKeepsItsPortPasswordAndDatabases()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PostgresBinaries.Find() is null && Environment.GetEnvironmentVariable(PostgresFixture.EnvironmentVariable) is null, "No PostgreSQL available.");
        await using var fixture = new PostgresFixture();
        await fixture.InitializeAsync();
        Assert.SkipUnless(fixture.OwnsServer, "The fixture uses a server it does not control.");
        var database = await fixture.CreateDatabaseAsync(ct);
        var withoutPooling = new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString;
        await ExecuteAsync(withoutPooling, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)", ct);

        await fixture.StopServerAsync(ct);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(withoutPooling, "SELECT 1", ct));
        await fixture.StartServerAsync(ct);

        Assert.Equal(7, await ExecuteAsync(withoutPooling, "SELECT id FROM kept", ct));
    }

    [Fact]
    public async Task EachCreatedDatabaseIsEmptyAndSeparate()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PostgresBinaries.Find() is null && Environment.GetEnvironmentVariable(PostgresFixture.EnvironmentVariable) is null, "No PostgreSQL available.");
        await using var fixture = new PostgresFixture();
        await fixture.InitializeAsync();

        var first = await fixture.CreateDatabaseAsync(ct);
        var second = await fixture.CreateDatabaseAsync(ct);
        await ExecuteAsync(first, "CREATE TABLE only_in_first (id int)", ct);

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        Assert.Equal(0L, await ExecuteAsync(second, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", ct));
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }
}
