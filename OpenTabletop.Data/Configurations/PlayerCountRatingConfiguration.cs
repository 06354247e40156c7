using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data.Configurations;

internal sealed class PlayerCountRatingConfiguration : IEntityTypeConfiguration<PlayerCountRating>
{
    public void Configure(EntityTypeBuilder<PlayerCountRating> builder)
    {
        builder.ToTable("player_count_ratings");
        builder.HasKey(r => new { r.GameId, r.PlayerCount });
        builder.HasOne(r => r.Game).WithMany(g => g.PlayerCountRatings)
            .HasForeignKey(r => r.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}
