using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> builder)
    {
        builder.ToTable("themes");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Code).UseIdentityAlwaysColumn().ReadOnlyInDatabase();
        builder.HasOne(t => t.Parent).WithMany(t => t.Children)
            .HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
