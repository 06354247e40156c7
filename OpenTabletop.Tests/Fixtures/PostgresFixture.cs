using Npgsql;

namespace OpenTabletop.Tests.Fixtures;

/// <summary>
/// Minimal stand-in for the shared PostgreSQL fixture: it uses the server named by the
/// <c>OTT_TEST_POSTGRES</c> connection string (required) and hands out fresh, empty databases,
/// dropping them again when disposed. The real fixture keeps this API.
/// </summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    private const string EnvironmentVariable = "OTT_TEST_POSTGRES";
    private readonly List<string> created = [];
    private readonly Lock gate = new();

    public PostgresFixture()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"Set {EnvironmentVariable} to a connection string for a PostgreSQL server on which the tests may create databases, " +
                "e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");
        }
        ServerConnectionString = configured;
    }

    /// <summary>Connects to the server's maintenance database.</summary>
    public string ServerConnectionString { get; }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"ott_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        lock (gate)
        {
            created.Add(name);
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        string[] names;
        lock (gate)
        {
            names = [.. created];
            created.Clear();
        }
        if (names.Length == 0) return;
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
