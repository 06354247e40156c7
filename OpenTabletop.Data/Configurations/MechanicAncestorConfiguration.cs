using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class MechanicAncestorConfiguration : IEntityTypeConfiguration<MechanicAncestor>
{
    public void Configure(EntityTypeBuilder<MechanicAncestor> builder)
    {
        builder.ToTable("mechanic_ancestors");
        builder.HasKey(a => new { a.MechanicId, a.AncestorId });
        builder.HasOne(a => a.Mechanic).WithMany(m => m.Ancestors)
            .HasForeignKey(a => a.MechanicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Ancestor).WithMany()
            .HasForeignKey(a => a.AncestorId).OnDelete(DeleteBehavior.Cascade);
    }
}
