using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Data;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>Resolves a path identifier: parses as a GUID first (any version), else treats it as a slug.</summary>
internal static class GameLookup
{
    public static Task<Game?> FindAsync(this OpenTabletopDbContext db, string idOrSlug, CancellationToken ct) =>
        Guid.TryParse(idOrSlug, out var id)
            ? db.Games.FirstOrDefaultAsync(g => g.Id == id, ct)
            : db.Games.FirstOrDefaultAsync(g => g.Slug == idOrSlug, ct);

    /// <summary>
    /// GET /games/{id}'s one statement: the response columns only, read as the lists read them. EF
    /// would also read and parse the search documents, which no response shows, and its query
    /// pipeline cost more per request than the statement itself.
    /// </summary>
    public static PlannedCommand PlanOf(string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id)
            ? new("SELECT " + GameRows.Columns("g") + " FROM games g WHERE g.id = $1", [id])
            : new("SELECT " + GameRows.Columns("g") + " FROM games g WHERE g.slug = $1", [idOrSlug]);

    /// <summary>Prepared: a lookup by a unique key has one plan, and planning it each time cost as much as running it.</summary>
    public static async Task<GameResponse?> FindResponseAsync(this NpgsqlDataSource dataSource, string idOrSlug, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = PlanOf(idOrSlug).ToCommand(connection);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? GameRows.Read(reader) : null;
    }

    public static Task<bool> IsRetiredAsync(this OpenTabletopDbContext db, string idOrSlug, CancellationToken ct) =>
        db.RetiredIdentifiers.AnyAsync(r => r.EntityType == "game" && r.Identifier == idOrSlug, ct);
}
