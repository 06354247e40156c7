using System.Text.Json;
using Npgsql;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Admin;

/// <summary>Reads <c>materialization_runs</c>, which the Materializer writes step by step as a run goes.</summary>
internal sealed class MaterializationRuns(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, trigger, status, requested_by, requested_at, started_at, finished_at, steps::text, error";

    public async Task<MaterializationRunResponse?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM materialization_runs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<MaterializationRunResponse>> NewestAsync(int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM materialization_runs ORDER BY requested_at DESC, id DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<MaterializationRunResponse>();
        while (await reader.ReadAsync(ct)) runs.Add(Read(reader));
        return runs;
    }

    public static string PathOf(Guid id) => $"{Games.GameLinks.Root}/admin/materialize/runs/{id:D}";

    private static MaterializationRunResponse Read(NpgsqlDataReader r)
    {
        var id = r.GetGuid(0);
        DateTime? started = r.IsDBNull(5) ? null : r.GetDateTime(5), finished = r.IsDBNull(6) ? null : r.GetDateTime(6);
        using var steps = JsonDocument.Parse(r.GetString(7));
        return new MaterializationRunResponse(
            id, r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDateTime(4), started, finished,
            started is { } s && finished is { } f ? (long)(f - s).TotalMilliseconds : null,
            steps.RootElement.Clone(), r.IsDBNull(8) ? null : r.GetString(8),
            new Dictionary<string, Link> { ["self"] = new(PathOf(id)) });
    }
}
