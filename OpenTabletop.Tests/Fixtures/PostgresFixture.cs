using Npgsql;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Provisioning;
using OpenTabletop.AppHost.Hosting.Testing;

namespace OpenTabletop.Tests.Fixtures;

/// <summary>
/// A PostgreSQL server for a test class. <c>OTT_TEST_POSTGRES</c> (a server connection string) points
/// it at an existing server; otherwise it starts a private one from the local binaries, through the
/// same provider code the AppHost uses, on a free port over a temporary folder removed on dispose.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "OTT_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly Lock _gate = new();
    private LocalPostgresServer? _server;
    private TemporaryDirectory? _directory;
    private string? _serverConnectionString;

    /// <summary>Superuser (owner) connection to the <c>postgres</c> maintenance database.</summary>
    public string ServerConnectionString =>
        _serverConnectionString ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>True when this fixture started the server (and so can stop and restart it).</summary>
    public bool OwnsServer => _server is not null;

    /// <summary>The server's own log, for assertion messages.</summary>
    public ResourceLog Log { get; } = new("postgres");

    /// <summary>
    /// Starts a private server whatever OTT_TEST_POSTGRES says, for tests that stop and restart it.
    /// The caller disposes it.
    /// </summary>
    public static async Task<PostgresFixture> StartPrivateAsync(CancellationToken ct = default)
    {
        var fixture = new PostgresFixture { _private = true };
        await fixture.InitializeAsync();
        return fixture;
    }

    private bool _private;

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!_private && !string.IsNullOrWhiteSpace(external))
        {
            _serverConnectionString = external;
            return;
        }

        _directory = TemporaryDirectory.Create("postgres");
        try
        {
            _server = await LocalPostgresServer.StartAsync(
                new LocalPostgresOptions { DataDirectory = _directory.Combine("postgres"), Durable = false },
                Log,
                TestContext.Current.CancellationToken);
        }
        catch
        {
            _directory.Dispose();
            throw;
        }

        _serverConnectionString = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = "postgres" }.ConnectionString;
    }

    /// <summary>
    /// Creates a fresh database with a unique name and returns its connection string: empty, or a
    /// file-level copy of <paramref name="template"/> (a database of this server that nobody is
    /// connected to), which is far faster than seeding again.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct = default, string? template = null)
    {
        var name = $"ott_test_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(AdminConnectionString()))
        {
            await connection.OpenAsync(ct);
            var from = template is null ? "" : $" TEMPLATE \"{template.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        lock (_gate)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server, for tests of how the services behave without a database.</summary>
    public async Task StopServerAsync(CancellationToken ct = default) => await OwnedServer().StopAsync(ct);

    /// <summary>Starts the server again on the same port over the same data.</summary>
    public async Task StartServerAsync(CancellationToken ct = default) => await OwnedServer().RestartAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _directory?.Dispose();
            return;
        }

        if (_serverConnectionString is not null)
        {
            await DropCreatedDatabasesAsync();
        }
    }

    private LocalPostgresServer OwnedServer() =>
        _server ?? throw new InvalidOperationException(
            $"This fixture uses the server given by {EnvironmentVariable} and does not control it; check OwnsServer first.");

    /// <summary>Unpooled, so that no idle admin connection is left behind to block a DROP DATABASE.</summary>
    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString;

    /// <summary>On a shared server, leave nothing behind.</summary>
    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (_gate)
        {
            names = [.. _databases];
        }

        if (names.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
