using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameSnapshotConfiguration : IEntityTypeConfiguration<GameSnapshot>
{
    public void Configure(EntityTypeBuilder<GameSnapshot> builder)
    {
        builder.ToTable("game_snapshots");
        builder.HasKey(s => new { s.GameId, s.SnapshotDate });
        builder.Property(s => s.RankByCategory).HasJsonbConversion();
        builder.HasOne(s => s.Game).WithMany(g => g.Snapshots)
            .HasForeignKey(s => s.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
