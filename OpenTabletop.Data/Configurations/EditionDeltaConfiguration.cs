using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class EditionDeltaConfiguration : IEntityTypeConfiguration<EditionDelta>
{
    public void Configure(EntityTypeBuilder<EditionDelta> builder)
    {
        builder.ToTable("edition_deltas");
        builder.HasKey(d => d.EditionId);
        builder.HasOne(d => d.Edition).WithOne(e => e.Delta)
            .HasForeignKey<EditionDelta>(d => d.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Game).WithMany()
            .HasForeignKey(d => d.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
