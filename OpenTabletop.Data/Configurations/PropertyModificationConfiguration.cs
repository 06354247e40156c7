using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class PropertyModificationConfiguration : IEntityTypeConfiguration<PropertyModification>
{
    public void Configure(EntityTypeBuilder<PropertyModification> builder)
    {
        builder.ToTable("property_modifications");
        builder.HasKey(m => new { m.ExpansionId, m.BaseGameId });
        builder.HasOne(m => m.Expansion).WithMany(g => g.PropertyModifications)
            .HasForeignKey(m => m.ExpansionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.BaseGame).WithMany()
            .HasForeignKey(m => m.BaseGameId).OnDelete(DeleteBehavior.Cascade);
    }
}
