using System.Text.Json;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>
/// Validated paging input: limit 1–100 (default 25), a known sort and order, and a cursor that
/// belongs to this query. Every problem is collected so that one 400 lists them all.
/// </summary>
public sealed record PageRequest(int Limit, string Sort, bool Descending, Cursor? Cursor, string Filter)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public string Order => Descending ? "desc" : "asc";

    public static PageRequest Parse(
        string? limit, string? sort, string? order, string? cursor,
        IReadOnlyCollection<string> sorts, string defaultSort, string defaultOrder, string filterFingerprint,
        List<FieldError> errors)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit))
        {
            errors.Add(new("limit", $"limit must be a whole number from 1 to {MaxLimit}.", "out_of_range"));
            size = DefaultLimit;
        }

        var sortKey = sort ?? defaultSort;
        if (!sorts.Contains(sortKey))
        {
            errors.Add(new("sort", $"sort must be one of: {string.Join(", ", sorts)}.", "invalid_enum"));
            sortKey = defaultSort;
        }

        var orderKey = order ?? defaultOrder;
        if (orderKey is not ("asc" or "desc"))
        {
            errors.Add(new("order", "order must be 'asc' or 'desc'.", "invalid_enum"));
            orderKey = defaultOrder;
        }

        Cursor? decoded = null;
        if (cursor is not null)
        {
            decoded = Cursor.TryDecode(cursor);
            if (decoded is null)
            {
                errors.Add(new("cursor", "cursor is not a cursor issued by this API.", "invalid_cursor"));
            }
            else if (decoded.Sort != sortKey || decoded.Order != orderKey || decoded.Filter != filterFingerprint)
            {
                errors.Add(new("cursor", "cursor belongs to a different sort, order or filter set; start again without it.", "invalid_cursor"));
                decoded = null;
            }
        }

        return new PageRequest(size, sortKey, orderKey == "desc", decoded, filterFingerprint);
    }

    public Cursor CursorFor(JsonElement lastValue, Guid lastId, PageDirection direction) =>
        new(Cursor.CurrentVersion, Sort, Order, Filter, lastValue, lastId, direction);
}
