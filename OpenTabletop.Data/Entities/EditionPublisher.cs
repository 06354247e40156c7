namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>edition_publishers</c>.</summary>
public sealed class EditionPublisher
{
    public Guid EditionId { get; set; }
    public Guid PublisherId { get; set; }
    public int Ordinal { get; set; }

    public GameEdition Edition { get; set; } = null!;
    public Publisher Publisher { get; set; } = null!;
}
