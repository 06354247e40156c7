using Npgsql;

namespace OpenTabletop.Tests.Fixtures;

/// <summary>
/// TEMPORARY stand-in (helper/seed branch) for the real fixture, with the same API: it needs an
/// existing server named by <c>OTT_TEST_POSTGRES</c> and hands out fresh, empty databases on it,
/// dropping them when the fixture is disposed. The integrator replaces this file.
/// </summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    public const string EnvironmentVariable = "OTT_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly Lock _gate = new();

    public PostgresFixture()
    {
        ServerConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set {EnvironmentVariable} to the connection string of a PostgreSQL 15+ server the tests may create databases on.");
    }

    public string ServerConnectionString { get; }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"ott_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // The name is generated above (hex only), never user input; CREATE DATABASE takes no parameters.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_gate)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

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
