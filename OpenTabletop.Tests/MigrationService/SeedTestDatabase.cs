using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;

using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>A fresh, migrated database for one test, with the seeders wired to it.</summary>
internal sealed class SeedTestDatabase : IAsyncDisposable
{
    private SeedTestDatabase(NpgsqlDataSource dataSource) => DataSource = dataSource;

    public NpgsqlDataSource DataSource { get; }

    public static async Task<SeedTestDatabase> CreateAsync(PostgresFixture postgres, CancellationToken ct)
    {
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        await TestDatabases.MigrateAsync(connectionString, ct);
        return new SeedTestDatabase(NpgsqlDataSource.Create(connectionString));
    }

    public Task SeedTaxonomyAsync(CancellationToken ct) =>
        new TaxonomySeeder(DataSource, NullLogger<TaxonomySeeder>.Instance).SeedAsync(ct);

    public Task SeedSampleAsync(CancellationToken ct) =>
        new SampleSeeder(DataSource, NullLogger<SampleSeeder>.Instance).SeedAsync(ct);

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<List<T>> ListAsync<T>(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public Task<long> CountAsync(string table, CancellationToken ct) =>
        ScalarAsync<long>($"SELECT count(*) FROM {table}", ct);

    /// <summary>
    /// Every base table's row count and a digest of its rows in a stable order, including each
    /// row's <c>xmin</c>, so that even an update writing identical values shows up as a change.
    /// </summary>
    public async Task<SortedDictionary<string, string>> SnapshotAsync(CancellationToken ct)
    {
        var tables = await ListAsync<string>(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", ct);
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            snapshot[table] = await ScalarAsync<string>(
                $"SELECT count(*)::text || ' rows, ' || coalesce(md5(string_agg(t.xmin::text || ':' || t::text, '|' ORDER BY t::text)), '-') FROM {quoted} t",
                ct);
        }

        return snapshot;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
