namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>player_count_ratings</c>: community rating at one player count, on the 1-5 scale.</summary>
public sealed class PlayerCountRating
{
    public Guid GameId { get; set; }
    public int PlayerCount { get; set; }
    public decimal AverageRating { get; set; }
    public int RatingCount { get; set; }
    public decimal? RatingStddev { get; set; }

    public Game Game { get; set; } = null!;
}
