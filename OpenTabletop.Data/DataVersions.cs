using Npgsql;

namespace OpenTabletop.Data;

/// <summary>The data version (migration 0020) as every service reads and bumps it.</summary>
public static class DataVersions
{
    /// <summary>The channel bump_data_version() notifies, with the new version as payload.</summary>
    public const string Channel = "opentabletop_data_version";

    public const string ReadSql = "SELECT version FROM data_version";

    /// <summary>Bumps the version on <paramref name="connection"/> (in its transaction, if any: the notification goes out at commit).</summary>
    public static async Task<long> BumpAsync(NpgsqlConnection connection, string who, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT bump_data_version($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = who });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <inheritdoc cref="BumpAsync(NpgsqlConnection, string, CancellationToken)"/>
    public static async Task<long> BumpAsync(NpgsqlDataSource dataSource, string who, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await BumpAsync(connection, who, ct);
    }
}
