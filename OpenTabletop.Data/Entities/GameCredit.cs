namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_credits</c>: one person in one role on one game (designers included).</summary>
public sealed class GameCredit
{
    public Guid GameId { get; set; }
    public Guid PersonId { get; set; }
    public required string Role { get; set; }
    public int CreditOrder { get; set; }

    public Game Game { get; set; } = null!;
    public Person Person { get; set; } = null!;
}
