using Npgsql;

namespace OpenTabletop.Tests.Fixtures;

/// <summary>
/// Minimal stand-in for the shared PostgreSQL fixture (same public API): it does not start a
/// server; it needs <c>OTT_TEST_POSTGRES</c>, a connection string to a server it may create
/// databases on. Every database it creates is dropped when the fixture is disposed.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "OTT_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly Lock _gate = new();

    public string ServerConnectionString { get; } = Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "";

    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ServerConnectionString))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: give it a connection string to a PostgreSQL server, " +
                "e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres");
        }
        var name = $"ott_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        lock (_gate)
        {
            _databases.Add(name);
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        string[] databases;
        lock (_gate)
        {
            databases = [.. _databases];
            _databases.Clear();
        }
        if (databases.Length == 0)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        foreach (var name in databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
