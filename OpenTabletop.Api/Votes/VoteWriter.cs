using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;

namespace OpenTabletop.Api.Votes;

/// <summary>
/// Writes one vote (or play) in one transaction with everything that guards it: the response kept
/// for its Idempotency-Key, and the key's velocity for the game, counted under an advisory lock so
/// two concurrent requests cannot both slip under the limit. Either the vote and its stored response
/// commit together or nothing is written.
/// </summary>
internal sealed class VoteWriter(NpgsqlDataSource dataSource, VoteSettings settings, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    /// <summary>
    /// Inserts with <paramref name="insert"/> (given the open transaction and the new id; returns the
    /// created record) and answers 201 with it and its Location, or the stored first answer for a
    /// repeated Idempotency-Key, or a problem.
    /// </summary>
    public async Task<IResult> WriteAsync<T>(
        HttpContext http, VoteGame game, VoteKind kind, object canonicalRequest,
        Func<NpgsqlConnection, NpgsqlTransaction, Guid, Task<T>> insert, CancellationToken ct)
    {
        var client = http.GetApiClient();
        var keyId = client.KeyId ?? throw new InvalidOperationException("Votes require an API key (RequireScope runs first).");
        string? idempotencyKey = null;
        if (http.Request.Headers.TryGetValue(IdempotencyHeader, out var header))
        {
            idempotencyKey = header.ToString();
            if (idempotencyKey.Length is < 1 or > 255 || idempotencyKey.Any(c => c is < '!' or > '~'))
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "The Idempotency-Key header is not valid.",
                    [new(IdempotencyHeader, "Idempotency-Key must be 1 to 255 visible ASCII characters.", "invalid_format")]);
            }
        }
        var requestHash = SHA256.HashData(Encoding.UTF8.GetBytes(
            kind.Segment + "\n" + game.Id.ToString("D") + "\n" + JsonSerializer.Serialize(canonicalRequest, json.Value.SerializerOptions)));

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (idempotencyKey is not null && await ClaimAsync(connection, transaction, keyId, idempotencyKey, requestHash, ct) is { } earlier)
        {
            await transaction.RollbackAsync(ct);
            return earlier;
        }

        var (recent, oldest) = await RecentAsync(connection, transaction, kind, keyId, game.Id, ct);
        if (recent >= settings.PerGamePerHour)
        {
            await transaction.RollbackAsync(ct);
            var retryAfter = Math.Max(1, (int)Math.Ceiling((oldest!.Value + TimeSpan.FromHours(1) - DateTime.UtcNow).TotalSeconds));
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Create(StatusCodes.Status429TooManyRequests,
                $"This API key has submitted {settings.PerGamePerHour} {kind.Name}s for this game within the last hour, the limit; try again in {retryAfter} s.");
        }

        var id = Guid.CreateVersion7();
        var created = await insert(connection, transaction, id);
        var location = $"{GameLinkRoot}/games/{game.Slug}/{kind.Segment}/{id:D}";
        var body = JsonSerializer.Serialize(created, json.Value.SerializerOptions);
        if (idempotencyKey is not null) await RecordAsync(connection, transaction, keyId, idempotencyKey, location, body, ct);
        await transaction.CommitAsync(ct);
        return Created(location, body, replayed: false);
    }

    private const string GameLinkRoot = Games.GameLinks.Root;

    /// <summary>
    /// Takes the key for this request, or returns what an earlier request with it answered (the same
    /// request) or a problem (another request). A concurrent first request holds the row until it
    /// commits; this one then sees its result.
    /// </summary>
    private async Task<IResult?> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid keyId, string key, byte[] requestHash, CancellationToken ct)
    {
        await using (var expire = new NpgsqlCommand(
            "DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND created_at < now() - $3", connection, transaction))
        {
            expire.Parameters.Add(new NpgsqlParameter { Value = keyId });
            expire.Parameters.Add(new NpgsqlParameter { Value = key });
            expire.Parameters.Add(new NpgsqlParameter { Value = IdempotencyRetention });
            await expire.ExecuteNonQueryAsync(ct);
        }
        await using (var claim = new NpgsqlCommand(
            "INSERT INTO idempotency_keys (api_key_id, key, request_hash, status, body) VALUES ($1, $2, $3, 0, '') ON CONFLICT DO NOTHING", connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = keyId });
            claim.Parameters.Add(new NpgsqlParameter { Value = key });
            claim.Parameters.Add(new NpgsqlParameter { Value = requestHash });
            if (await claim.ExecuteNonQueryAsync(ct) == 1) return null;
        }

        await using var earlier = new NpgsqlCommand(
            "SELECT request_hash, status, location, body FROM idempotency_keys WHERE api_key_id = $1 AND key = $2", connection, transaction);
        earlier.Parameters.Add(new NpgsqlParameter { Value = keyId });
        earlier.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await earlier.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || !reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity,
                "This Idempotency-Key was already used for a different request; use a new key for a new vote.",
                [new(IdempotencyHeader, "Idempotency-Key was already used with another request.", "idempotency_key_reused")]);
        }
        return Created(reader.GetString(2), reader.GetString(3), replayed: true);
    }

    private static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid keyId, string key, string location, string body, CancellationToken ct)
    {
        await using var record = new NpgsqlCommand(
            "UPDATE idempotency_keys SET status = 201, location = $3, body = $4 WHERE api_key_id = $1 AND key = $2", connection, transaction);
        record.Parameters.Add(new NpgsqlParameter { Value = keyId });
        record.Parameters.Add(new NpgsqlParameter { Value = key });
        record.Parameters.Add(new NpgsqlParameter { Value = location });
        record.Parameters.Add(new NpgsqlParameter { Value = body });
        await record.ExecuteNonQueryAsync(ct);
    }

    /// <summary>How many of this kind the key submitted for the game in the last hour, and when the oldest of them was.</summary>
    private static async Task<(long Count, DateTime? Oldest)> RecentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, VoteKind kind, Guid keyId, Guid gameId, CancellationToken ct)
    {
        // One writer at a time per key, game and kind, until this transaction ends.
        await using (var serialise = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            serialise.Parameters.Add(new NpgsqlParameter { Value = $"votes:{kind.Table}:{keyId:D}:{gameId:D}" });
            await serialise.ExecuteNonQueryAsync(ct);
        }
        // The table name comes from VoteKind's fixed list, never from the request.
        await using var count = new NpgsqlCommand(
            $"SELECT count(*), min(created_at) FROM {kind.Table} WHERE api_key_id = $1 AND game_id = $2 AND created_at > clock_timestamp() - interval '1 hour'",
            connection, transaction);
        count.Parameters.Add(new NpgsqlParameter { Value = keyId });
        count.Parameters.Add(new NpgsqlParameter { Value = gameId });
        await using var reader = await count.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1));
    }

    private static IResult Created(string location, string body, bool replayed) => new StoredCreated(location, body, replayed);

    /// <summary>201 with the stored body, byte for byte, so that a replay is indistinguishable from the first answer.</summary>
    private sealed class StoredCreated(string location, string body, bool replayed) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = location;
            if (replayed) context.Response.Headers[ReplayedHeader] = "true";
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync(body, context.RequestAborted);
        }
    }
}

/// <summary>The game a vote is for (by id or slug).</summary>
internal sealed record VoteGame(Guid Id, string Slug, string Name);
