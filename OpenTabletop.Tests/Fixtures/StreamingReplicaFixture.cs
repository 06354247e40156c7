using Npgsql;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;
using OpenTabletop.AppHost.Hosting.Provisioning;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Api.Statistics;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Fixtures;

/// <summary>A database on the primary and the same database on its standby.</summary>
public sealed record ReplicatedDatabase(string Primary, string Replica);

/// <summary>
/// A private primary PostgreSQL and a real streaming standby of it: <c>pg_basebackup -R -X stream</c>
/// of the running primary, started as a hot standby on a port of its own. The primary holds a template
/// database (sample seed plus <see cref="StatisticsData"/>) that each test copies, so tests do not see
/// each other's changes. The primary is initdb's: <c>wal_level=replica</c> and a <c>replication</c>
/// line for 127.0.0.1 in pg_hba.conf are its defaults, checked here rather than assumed.
/// </summary>
public sealed class StreamingReplicaFixture : IAsyncLifetime
{
    private PostgresFixture? _primary;
    private TemporaryDirectory? _directory;
    private LocalPostgresServer? _standby;
    private string _template = "";

    /// <summary>The standby's own log, for assertion messages.</summary>
    public ResourceLog StandbyLog { get; } = new("standby");

    private PostgresFixture Primary => _primary ?? throw new InvalidOperationException("The fixture has not been initialised.");

    private LocalPostgresServer Standby => _standby ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _primary = await PostgresFixture.StartPrivateAsync(ct);
        var walLevel = await ScalarAsync<string>(Primary.ServerConnectionString, "SHOW wal_level", ct);
        Assert.True(walLevel is "replica" or "logical", $"the primary's wal_level is {walLevel}; streaming replication needs replica");

        var template = await TestDatabases.CreateMigratedAsync(Primary, SeedMode.Sample, ct);
        await using (var dataSource = NpgsqlDataSource.Create(template))
        {
            await StatisticsData.SeedAsync(dataSource, ct);
        }
        _template = new NpgsqlConnectionStringBuilder(template).Database!;

        _directory = TemporaryDirectory.Create("standby");
        var data = _directory.Combine("standby");
        await BaseBackupAsync(data, ct);
        _standby = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = data, Durable = false }, StandbyLog, ct);
        Assert.True(await ScalarAsync<bool>(StandbyServer(), "SELECT pg_is_in_recovery()", ct), "the copy did not start as a standby");
        await WaitForReplayAsync(ct);
    }

    /// <summary>A fresh copy of the template on the primary, once the standby has replayed it.</summary>
    public async Task<ReplicatedDatabase> CreateDatabaseAsync(CancellationToken ct)
    {
        var primary = await Primary.CreateDatabaseAsync(ct, _template);
        await WaitForReplayAsync(ct);
        return new ReplicatedDatabase(primary, new NpgsqlConnectionStringBuilder(primary) { Port = Standby.Port }.ConnectionString);
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
    public async Task WaitForReplayAsync(CancellationToken ct)
    {
        var written = await ScalarAsync<string>(Primary.ServerConnectionString, "SELECT pg_current_wal_lsn()::text", ct);
        var replayed = await Deadline.PollAsync(
            () => ScalarAsync<bool>(StandbyServer(), "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)", ct, written),
            done => done, TimeSpan.FromSeconds(60), ct);
        Assert.True(replayed, $"the standby did not replay up to {written} within 60 s:\n{StandbyLog.FormatTail()}");
    }

    /// <summary>Holds replay back: the standby keeps receiving WAL but its data stays as it is now.</summary>
    public async Task PauseReplayAsync(CancellationToken ct)
    {
        await ScalarAsync<object>(StandbyServer(), "SELECT pg_wal_replay_pause()", ct);
        var state = await ScalarAsync<string>(StandbyServer(), "SELECT pg_get_wal_replay_pause_state()", ct);
        // 'pause requested' already stops replay before the next record; 'paused' once it got there.
        Assert.True(state is "paused" or "pause requested", $"replay is '{state}'");
    }

    public async Task ResumeReplayAsync(CancellationToken ct) => await ScalarAsync<object>(StandbyServer(), "SELECT pg_wal_replay_resume()", ct);

    public async Task StopStandbyAsync(CancellationToken ct) => await Standby.StopAsync(ct);

    /// <summary>Starts the standby again on its port and data, and waits until it has caught up.</summary>
    public async Task StartStandbyAsync(CancellationToken ct)
    {
        await Standby.RestartAsync(ct);
        await WaitForReplayAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_standby is not null) await _standby.DisposeAsync();
        _directory?.Dispose();
        if (_primary is not null) await _primary.DisposeAsync();
    }

    /// <summary>
    /// <c>pg_basebackup -R</c> into <paramref name="data"/>/pgdata, where <see cref="LocalPostgresServer"/>
    /// expects its cluster, with the primary's password beside it (the copy has the primary's roles).
    /// As root it runs as the server's system user, so that the copy is that user's, as a cluster must be.
    /// </summary>
    private async Task BaseBackupAsync(string data, CancellationToken ct)
    {
        var primary = new NpgsqlConnectionStringBuilder(Primary.ServerConnectionString);
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "password"), primary.Password + "\n");
        var options = new LocalPostgresOptions { DataDirectory = data };
        string? runAs = null;
        if (SystemUsers.IsRoot)
        {
            runAs = options.RootRunAsUser;
            await SystemUsers.ChownAsync(runAs, [data, Path.Combine(data, "password")], ct);
        }

        var binaries = PostgresBinaries.Find() ?? throw new InvalidOperationException("No PostgreSQL server binaries found.");
        var exitCode = await ChildProcess.RunAsync(
            new ChildProcessSpec(Path.Combine(binaries.BinDirectory, "pg_basebackup"),
                ["-D", Path.Combine(data, "pgdata"), "-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-U", primary.Username!, "-X", "stream", "-R", "--checkpoint=fast", "--no-sync"])
            {
                RunAsUser = runAs,
                WorkingDirectory = data,
                Environment = new Dictionary<string, string?> { ["PGPASSWORD"] = primary.Password },
            },
            StandbyLog, TimeSpan.FromMinutes(2), ct);
        Assert.True(exitCode == 0, $"pg_basebackup exited with {exitCode}:\n{StandbyLog.FormatTail()}");
    }

    /// <summary>The standby's postgres database, superuser, outside any pool.</summary>
    private string StandbyServer() =>
        new NpgsqlConnectionStringBuilder(Primary.ServerConnectionString) { Port = Standby.Port, Pooling = false }.ConnectionString;

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
