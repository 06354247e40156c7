namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>edition_artists</c>.</summary>
public sealed class EditionArtist
{
    public Guid EditionId { get; set; }
    public Guid PersonId { get; set; }

    public GameEdition Edition { get; set; } = null!;
    public Person Person { get; set; } = null!;
}
