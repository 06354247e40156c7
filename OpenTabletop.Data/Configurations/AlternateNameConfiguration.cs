using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class AlternateNameConfiguration : IEntityTypeConfiguration<AlternateName>
{
    public void Configure(EntityTypeBuilder<AlternateName> builder)
    {
        builder.ToTable("alternate_names");
        builder.HasKey(a => a.Id);
        builder.HasOne(a => a.Game).WithMany(g => g.AlternateNames)
            .HasForeignKey(a => a.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
