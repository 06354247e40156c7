namespace OpenTabletop.Api.Http.Paging;

/// <summary>One column of a sort key; nullable columns sort their nulls last in either order.</summary>
public sealed record SortColumn(string Column, bool Nullable = false);

/// <summary>
/// What a public sort key orders by: one or more columns, all in the requested direction, and then
/// the row id, which makes every ordering total and therefore every keyset page exact.
/// </summary>
public sealed record SortKey(IReadOnlyList<SortColumn> Columns)
{
    public SortKey(string column, bool nullable = false) : this([new SortColumn(column, nullable)])
    {
    }

    public static implicit operator SortKey(string column) => new(column);
}
