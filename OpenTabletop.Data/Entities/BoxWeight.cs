namespace OpenTabletop.Data.Entities;

/// <summary><c>game_editions.box_weight</c>: <c>{"value", "unit"}</c>; every member optional.</summary>
public sealed record BoxWeight
{
    public decimal? Value { get; set; }
    /// <summary>kg or lb.</summary>
    public string? Unit { get; set; }
}
