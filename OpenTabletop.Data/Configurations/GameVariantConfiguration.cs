using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameVariantConfiguration : IEntityTypeConfiguration<GameVariant>
{
    public void Configure(EntityTypeBuilder<GameVariant> builder)
    {
        builder.ToTable("game_variants");
        builder.HasKey(v => new { v.GameId, v.Preference });
        builder.Property(v => v.Expansions).HasColumnType("jsonb");
        builder.HasOne(v => v.Game).WithMany().HasForeignKey(v => v.GameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Combination).WithMany().HasForeignKey(v => v.CombinationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Edition).WithMany().HasForeignKey(v => v.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}
