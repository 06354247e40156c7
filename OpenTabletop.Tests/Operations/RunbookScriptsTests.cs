using System.Diagnostics;
using Npgsql;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Operations;

/// <summary>The runbook's scripts (scripts/), run with bash as an operator runs them, against real servers.</summary>
public sealed class RunbookScriptsTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SmokePassesAgainstALiveApi()
    {
        var connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, Ct);
        await using var api = await ApiProcess.StartAsync(connectionString, new Dictionary<string, string>(), Ct);

        var (exitCode, stdout, stderr) = await ScriptAsync("smoke.sh", [api.Address.ToString()], new Dictionary<string, string>());

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("smoke 4 game ", stdout);
        Assert.Contains("smoke 6 export: ok", stdout);
        Assert.Contains("smoke: passed 6 checks", stdout);
    }

    [Fact]
    public async Task SmokeStopsAtTheFirstFailedCheckWithANonZeroExit()
    {
        // A live process whose database does not exist: alive, never ready.
        var missing = new NpgsqlConnectionStringBuilder(postgres.ServerConnectionString) { Database = "ott_never_created" }.ConnectionString;
        await using var api = await ApiProcess.StartUnreadyAsync(missing, Ct);

        var (exitCode, stdout, stderr) = await ScriptAsync("smoke.sh", [api.Address.ToString()], new Dictionary<string, string>());
        var (nobody, _, nobodyErr) = await ScriptAsync("smoke.sh", ["http://127.0.0.1:1"], new Dictionary<string, string>());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("smoke 1 liveness: ok", stdout);
        Assert.Contains("smoke 2 readiness: FAILED", stderr);
        Assert.DoesNotContain("smoke 3", stdout + stderr);
        Assert.NotEqual(0, nobody);
        Assert.Contains("smoke 1 liveness: FAILED", nobodyErr);
    }

    [Fact]
    public async Task BackupAndRestoreDrillRoundTripsTheDatabaseAndBootsTheApiOnIt()
    {
        var connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, Ct);
        using var folder = new TempFolder();
        var backup = Path.Combine(folder.Path, "ott.dump");
        var drill = $"ott_drill_{Guid.NewGuid():N}"[..24];

        var (backupExit, backupOut, backupErr) = await ScriptAsync("backup.sh", [backup], Database(connectionString));
        var (drillExit, drillOut, drillErr) = await ScriptAsync("restore-drill.sh", [backup], Database(connectionString, drill));

        Assert.True(backupExit == 0, backupOut + backupErr);
        Assert.True(File.Exists(backup) && new FileInfo(backup).Length > 0);
        var counts = File.ReadAllLines(backup + ".counts").Select(l => l.Split(' ')).ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(await ScalarAsync(connectionString, "SELECT count(*) FROM games"), counts["games"]);
        Assert.Equal(await ScalarAsync(connectionString, "SELECT count(*) FROM rating_votes"), counts["rating_votes"]);
        Assert.True(counts["rating_votes"] > 0, "the sample's votes were not in the backup");
        Assert.True(drillExit == 0, drillOut + drillErr);
        Assert.Contains("row counts match the backup", drillOut);
        Assert.Contains("/readyz 200", drillOut);
        Assert.False(await DatabaseExistsAsync(drill), "the drill left its database behind");
    }

    [Fact]
    public async Task TheDrillFailsWhenTheRestoreDoesNotMatchTheBackup()
    {
        var connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, Ct);
        using var folder = new TempFolder();
        var backup = Path.Combine(folder.Path, "ott.dump");
        var (backupExit, _, backupErr) = await ScriptAsync("backup.sh", [backup], Database(connectionString));
        Assert.True(backupExit == 0, backupErr);

        // A count that the restore cannot reproduce (as if rows were lost), then a damaged dump.
        var counts = await File.ReadAllLinesAsync(backup + ".counts", Ct);
        await File.WriteAllLinesAsync(backup + ".counts", counts.Select(l => l.StartsWith("games ", StringComparison.Ordinal) ? "games 999999" : l), Ct);
        var lostDrill = $"ott_drill_{Guid.NewGuid():N}"[..24];
        var (lostExit, _, lostErr) = await ScriptAsync("restore-drill.sh", [backup], Database(connectionString, lostDrill));
        await File.WriteAllLinesAsync(backup + ".counts", counts, Ct);
        var bytes = await File.ReadAllBytesAsync(backup, Ct);
        await File.WriteAllBytesAsync(backup, bytes[..(bytes.Length / 2)], Ct);
        var damagedDrill = $"ott_drill_{Guid.NewGuid():N}"[..24];
        var (damagedExit, _, damagedErr) = await ScriptAsync("restore-drill.sh", [backup], Database(connectionString, damagedDrill));

        Assert.Equal(1, lostExit);
        Assert.Contains("row counts differ", lostErr);
        Assert.Contains("games 999999", lostErr);
        Assert.Equal(1, damagedExit);
        Assert.Contains("pg_restore stopped", damagedErr);
        Assert.False(await DatabaseExistsAsync(lostDrill));
        Assert.False(await DatabaseExistsAsync(damagedDrill));
    }

    private static Dictionary<string, string> Database(string connectionString, string? drill = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__opentabletop"] = connectionString,
            ["API_COMMAND"] = $"dotnet {ServiceProcess.Dll("OpenTabletop.Api")}",
        };
        if (drill is not null) environment["DRILL_DATABASE"] = drill;
        return environment;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> ScriptAsync(
        string script, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(ServiceProcess.RepositoryRoot, "scripts", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in new[] { "ConnectionStrings__opentabletop", "DATABASE_URL", "SMOKE_API_KEY", "DRILL_DATABASE", "API_COMMAND", "API_KEY_SALT" })
        {
            start.Environment.Remove(key);
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return await ServiceProcess.RunAsync(start, TimeSpan.FromSeconds(180));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(postgres.ServerConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ott-runbook-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
