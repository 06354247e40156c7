using Npgsql;

namespace OpenTabletop.Materializer.Pipeline;

/// <summary>
/// What every step works with: the run's connection, inside its one repeatable-read transaction
/// (so every step reads the same snapshot of the raw data), the settings, and the run's date.
/// Steps pass their results to each other in temporary tables (<c>mat_*</c>, dropped at commit).
/// </summary>
internal sealed class PipelineContext(NpgsqlConnection connection, MaterializerSettings settings, DateOnly runDate)
{
    public NpgsqlConnection Connection { get; } = connection;
    public MaterializerSettings Settings { get; } = settings;

    /// <summary>The UTC date the run started on; it picks the snapshot period.</summary>
    public DateOnly RunDate { get; } = runDate;

    /// <summary>Runs one statement (or several separated by semicolons, without parameters); returns the rows it affected.</summary>
    public async Task<long> ExecuteAsync(string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Runs a <c>CREATE TEMP TABLE … AS</c> and returns the rows the table got (the command's own
    /// count is not reported for it).
    /// </summary>
    public async Task<long> CreateAsync(string table, string sql, CancellationToken ct, params object?[] parameters)
    {
        await ExecuteAsync(sql, ct, parameters);
        return await ScalarAsync<long>($"SELECT count(*) FROM {table}", ct);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        // No statement timeout: a run over a large catalogue is long by nature, and cancellation
        // (the token) is how a run is stopped.
        var command = new NpgsqlCommand(sql, Connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }
        return command;
    }
}
