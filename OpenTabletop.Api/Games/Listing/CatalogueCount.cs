using Microsoft.Extensions.Caching.Hybrid;
using Npgsql;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// FilterSummary's <c>total_unfiltered</c>: the number of active games. Counting the whole catalogue
/// on every request would cost more than the query itself, so the figure is cached for a minute.
/// </summary>
internal sealed class CatalogueCount(NpgsqlDataSource dataSource, HybridCache cache)
{
    private static readonly HybridCacheEntryOptions Fresh = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    /// <summary>The count itself (the benchmark issues it directly).</summary>
    public const string Sql = "SELECT count(*)::int FROM games WHERE status = 'active'";

    public async Task<int> ActiveGamesAsync(CancellationToken ct)
    {
        var counted = false;
        var count = await cache.GetOrCreateAsync("games:active-count", async token =>
        {
            counted = true;
            await using var command = dataSource.CreateCommand(Sql);
            return (int)(await command.ExecuteScalarAsync(token))!;
        }, Fresh, cancellationToken: ct);
        if (counted) CacheMetrics.Miss("catalogue_count");
        else CacheMetrics.Hit("catalogue_count");
        return count;
    }
}
