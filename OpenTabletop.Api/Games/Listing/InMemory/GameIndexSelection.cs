using System.Text.Json;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>
/// One keyset step chosen on the index: the page's games (and, in effective mode, the variant each
/// matched through) in the order the keyset SQL would return them, with the exact total.
/// </summary>
internal sealed record GameIndexSelection(IReadOnlyList<Guid> Ids, IReadOnlyList<int> Preferences, int Total)
{
    /// <summary>
    /// The step for <paramref name="page"/>, or null when its cursor names a game the index cannot
    /// place (gone, or its sort values changed since the cursor was made): SQL then continues from
    /// the cursor's values, which the index cannot compare without the database's collation.
    /// </summary>
    public static GameIndexSelection? Choose(GameIndexSnapshot index, GameIndexFilter filter, PageRequest page)
    {
        var key = GameSorts.Keys[page.Sort];
        var order = index.Orders[(page.Sort, page.Descending)];
        var backwards = page.Cursor?.Direction == PageDirection.Prev;

        int from;
        if (page.Cursor is null)
        {
            from = 0;
        }
        else
        {
            if (!index.PositionOf.TryGetValue(page.Cursor.LastId, out var position)) return null;
            if (!SameValues(index.SortValuesOf(position, key), page.Cursor.LastValue)) return null;
            var rank = index.Ranks[(page.Sort, page.Descending)][position];
            from = backwards ? rank - 1 : rank + 1;
        }

        // As the SQL does: one row beyond the page says whether there is more.
        var ids = new List<Guid>(page.Limit + 1);
        var preferences = new List<int>(page.Limit + 1);
        var step = backwards ? -1 : 1;
        for (var i = from; i >= 0 && i < order.Length && ids.Count <= page.Limit; i += step)
        {
            if (!Bitset.Has(filter.Games, order[i])) continue;
            ids.Add(index.Ids[order[i]]);
            preferences.Add(filter.PreferenceOf(order[i]));
        }
        var total = Bitset.Count(filter.Games);
        return new GameIndexSelection(ids, preferences, total);
    }

    /// <summary>Equal sort values, compared as the keyset SQL compares them (7.25 = 7.250), not as text.</summary>
    private static bool SameValues(JsonElement mine, JsonElement cursor)
    {
        if (cursor.ValueKind != JsonValueKind.Array || cursor.GetArrayLength() != mine.GetArrayLength()) return false;
        try
        {
            return mine.EnumerateArray().Zip(cursor.EnumerateArray())
                .All(pair => Equals(KeysetPredicate.ValueOf(pair.First), KeysetPredicate.ValueOf(pair.Second)));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
