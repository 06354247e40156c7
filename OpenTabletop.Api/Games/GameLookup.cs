using Microsoft.EntityFrameworkCore;
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

    public static Task<bool> IsRetiredAsync(this OpenTabletopDbContext db, string idOrSlug, CancellationToken ct) =>
        db.RetiredIdentifiers.AnyAsync(r => r.EntityType == "game" && r.Identifier == idOrSlug, ct);
}
