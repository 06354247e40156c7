using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class EditionArtistConfiguration : IEntityTypeConfiguration<EditionArtist>
{
    public void Configure(EntityTypeBuilder<EditionArtist> builder)
    {
        builder.ToTable("edition_artists");
        builder.HasKey(a => new { a.EditionId, a.PersonId });
        builder.HasOne(a => a.Edition).WithMany(e => e.EditionArtists)
            .HasForeignKey(a => a.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Person).WithMany(p => p.EditionArtists)
            .HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
