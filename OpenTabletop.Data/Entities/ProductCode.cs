namespace OpenTabletop.Data.Entities;

/// <summary>An element of <c>game_editions.product_codes</c>: <c>{"type": "ean", "code": "…"}</c>.</summary>
public sealed record ProductCode
{
    /// <summary>upc, ean, isbn, asin or sku.</summary>
    public required string Type { get; set; }
    public required string Code { get; set; }
}
