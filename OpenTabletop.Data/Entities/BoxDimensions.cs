namespace OpenTabletop.Data.Entities;

/// <summary><c>game_editions.dimensions</c>: <c>{"length", "width", "height", "unit"}</c>; every member optional.</summary>
public sealed record BoxDimensions
{
    public decimal? Length { get; set; }
    public decimal? Width { get; set; }
    public decimal? Height { get; set; }
    /// <summary>cm or in.</summary>
    public string? Unit { get; set; }
}
