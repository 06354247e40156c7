using Npgsql;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Votes;

/// <summary>The SQL of the vote endpoints: the game by id or slug, the inserts (inside VoteWriter's transaction) and the reads.</summary>
internal sealed class VoteQueries(NpgsqlDataSource dataSource)
{
    public async Task<VoteGame?> FindGameAsync(string idOrSlug, CancellationToken ct)
    {
        var byId = Guid.TryParse(idOrSlug, out var id);
        await using var command = dataSource.CreateCommand("SELECT id, slug, name FROM games WHERE " + (byId ? "id" : "slug") + " = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = byId ? id : idOrSlug });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new VoteGame(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    public async Task<RatingVoteResponse> InsertRatingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, VoteGame game, decimal rating, int scale, int? playCount,
        string? level, Guid keyId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO rating_votes (id, game_id, rating, declared_scale, play_count, experience_level, api_key_id) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING created_at", connection, transaction);
        Add(command, id, game.Id, rating, (short)scale, playCount, level, keyId);
        var created = (DateTime)(await command.ExecuteScalarAsync(ct))!;
        return new RatingVoteResponse(id, game.Id, (double)rating, scale, playCount, level, created, Links(game, VoteKind.Rating, id));
    }

    public async Task<WeightVoteResponse> InsertWeightAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, VoteGame game, decimal weight, Guid keyId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO weight_votes (id, game_id, weight, api_key_id) VALUES ($1, $2, $3, $4) RETURNING created_at", connection, transaction);
        Add(command, id, game.Id, weight, keyId);
        var created = (DateTime)(await command.ExecuteScalarAsync(ct))!;
        return new WeightVoteResponse(id, game.Id, (double)weight, created, Links(game, VoteKind.Weight, id));
    }

    public async Task<PlayLogResponse> InsertPlayAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, VoteGame game, int minutes, int? players, string? level,
        bool campaign, DateOnly? playedAt, Guid keyId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO play_logs (id, game_id, duration_minutes, player_count, experience_level, is_campaign, played_at, api_key_id) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at", connection, transaction);
        Add(command, id, game.Id, minutes, players, level, campaign, playedAt, keyId);
        var created = (DateTime)(await command.ExecuteScalarAsync(ct))!;
        return new PlayLogResponse(id, game.Id, minutes, players, level, campaign, playedAt, created, Links(game, VoteKind.Play, id));
    }

    public Task<RatingVoteResponse?> RatingAsync(VoteGame game, Guid id, CancellationToken ct) => ReadAsync(
        "SELECT rating, declared_scale, play_count, experience_level, created_at FROM rating_votes WHERE id = $1 AND game_id = $2", game, id,
        r => new RatingVoteResponse(id, game.Id, (double)r.GetDecimal(0), r.IsDBNull(1) ? VoteValidation.DefaultScale : r.GetInt16(1),
            r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDateTime(4), Links(game, VoteKind.Rating, id)), ct);

    public Task<WeightVoteResponse?> WeightAsync(VoteGame game, Guid id, CancellationToken ct) => ReadAsync(
        "SELECT weight, created_at FROM weight_votes WHERE id = $1 AND game_id = $2", game, id,
        r => new WeightVoteResponse(id, game.Id, (double)r.GetDecimal(0), r.GetDateTime(1), Links(game, VoteKind.Weight, id)), ct);

    public Task<PlayLogResponse?> PlayAsync(VoteGame game, Guid id, CancellationToken ct) => ReadAsync(
        "SELECT duration_minutes, player_count, experience_level, is_campaign, played_at, created_at FROM play_logs WHERE id = $1 AND game_id = $2", game, id,
        r => new PlayLogResponse(id, game.Id, r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.GetDateTime(5), Links(game, VoteKind.Play, id)), ct);

    private async Task<T?> ReadAsync<T>(string sql, VoteGame game, Guid id, Func<NpgsqlDataReader, T> read, CancellationToken ct) where T : class
    {
        await using var command = dataSource.CreateCommand(sql);
        Add(command, id, game.Id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? read(reader) : null;
    }

    private static Dictionary<string, Link> Links(VoteGame game, VoteKind kind, Guid id) => new()
    {
        ["self"] = new($"{GameLinks.Root}/games/{game.Slug}/{kind.Segment}/{id:D}"),
        ["game"] = new($"{GameLinks.Root}/games/{game.Slug}", game.Name),
    };

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
    }
}
