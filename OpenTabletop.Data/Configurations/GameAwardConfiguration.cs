using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class GameAwardConfiguration : IEntityTypeConfiguration<GameAward>
{
    public void Configure(EntityTypeBuilder<GameAward> builder)
    {
        builder.ToTable("game_awards");
        builder.HasKey(a => a.Id);
        builder.HasOne(a => a.Game).WithMany(g => g.Awards)
            .HasForeignKey(a => a.GameId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Award).WithMany(a => a.GameAwards)
            .HasForeignKey(a => a.AwardId).OnDelete(DeleteBehavior.Restrict);
    }
}
