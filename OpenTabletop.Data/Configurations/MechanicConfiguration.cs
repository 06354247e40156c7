using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class MechanicConfiguration : IEntityTypeConfiguration<Mechanic>
{
    public void Configure(EntityTypeBuilder<Mechanic> builder)
    {
        builder.ToTable("mechanics");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Code).UseIdentityAlwaysColumn().ReadOnlyInDatabase();
        builder.HasOne(m => m.Parent).WithMany(m => m.Children)
            .HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
