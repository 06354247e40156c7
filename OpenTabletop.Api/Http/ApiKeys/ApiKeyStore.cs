using System.Security.Cryptography;
using Npgsql;

namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>
/// Creates, finds, lists, revokes and rotates API keys in api_keys (migration 0007). A key is
/// <c>ott_</c> and 43 characters of base64url (32 random bytes); only its HMAC under API_KEY_SALT and
/// its first 12 characters (to tell keys apart in listings) are stored.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, ApiKeySalt salt, TimeProvider time)
{
    public const string Prefix = "ott_";
    private const int ShownCharacters = 12;
    private const string Columns = "id, key_prefix, owner, scopes, not_before, not_after, revoked_at, created_at, last_used_at, rotated_from";

    public static readonly IReadOnlyList<string> AllScopes = [ApiClient.ReadScope, ApiClient.WriteScope, ApiClient.AdminScope];

    public async Task<CreatedApiKey> CreateAsync(
        string owner, IReadOnlyCollection<string> scopes, DateTime? notBefore, DateTime? notAfter, CancellationToken ct, Guid? rotatedFrom = null)
    {
        var plaintext = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var command = dataSource.CreateCommand(
            "INSERT INTO api_keys (id, key_hash, key_prefix, owner, scopes, not_before, not_after, rotated_from) " +
            $"VALUES ($1, $2, $3, $4, $5, coalesce($6, now()), $7, $8) RETURNING {Columns}");
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = salt.Hash(plaintext) });
        command.Parameters.Add(new NpgsqlParameter { Value = plaintext[..ShownCharacters] });
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = scopes.Distinct().Order(StringComparer.Ordinal).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)notBefore ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)notAfter ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)rotatedFrom ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new CreatedApiKey(Read(reader), plaintext);
    }

    /// <summary>The key whose plaintext this is, valid or not; null when no key has it.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string plaintext, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys WHERE key_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = salt.Hash(plaintext) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<ApiKeyRecord?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(ct)) keys.Add(Read(reader));
        return keys;
    }

    /// <summary>Revokes the key now; a key already revoked keeps its first revocation time. Null when there is no such key.</summary>
    public async Task<ApiKeyRecord?> RevokeAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING {Columns}");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>
    /// A new key with the old one's owner and scopes; the old one stays valid for <paramref name="overlap"/>
    /// (its not_after brought forward to then, never pushed later), so clients can switch over. Null when
    /// there is no such key or it is no longer valid.
    /// </summary>
    public async Task<CreatedApiKey?> RotateAsync(Guid id, TimeSpan overlap, CancellationToken ct)
    {
        var old = await GetAsync(id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (old is null || !old.IsValidAt(now)) return null;
        var created = await CreateAsync(old.Owner, old.Scopes.ToArray(), null, old.NotAfter, ct, rotatedFrom: old.Id);
        await using var command = dataSource.CreateCommand(
            "UPDATE api_keys SET not_after = least(coalesce(not_after, $2), $2) WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = now + overlap, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(ct);
        return created;
    }

    /// <summary>Records a use; callers call it at most once a minute per key.</summary>
    public async Task TouchAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE api_keys SET last_used_at = now() WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static ApiKeyRecord Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3),
        r.GetDateTime(4), r.IsDBNull(5) ? null : r.GetDateTime(5), r.IsDBNull(6) ? null : r.GetDateTime(6),
        r.GetDateTime(7), r.IsDBNull(8) ? null : r.GetDateTime(8), r.IsDBNull(9) ? null : r.GetGuid(9));
}
